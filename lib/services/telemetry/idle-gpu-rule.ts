import "server-only";

// When GPUs count as idle (issue 19: "8 GPUs under 5 % for 6 hours"): every sample of every GPU
// of a node under the threshold for the whole window. The window is a setting so a demo or a
// journey can see a finding without waiting six hours; the default is the product's rule.

export interface IdleGpuRule {
  thresholdPercent: number;
  windowMinutes: number;
}

export const DEFAULT_IDLE_GPU_RULE: IdleGpuRule = { thresholdPercent: 5, windowMinutes: 360 };

export function idleGpuRuleFromEnv(env: Record<string, string | undefined> = process.env): IdleGpuRule {
  const minutes = Number(env.HINOKI_IDLE_GPU_WINDOW_MINUTES);
  return { ...DEFAULT_IDLE_GPU_RULE, ...(Number.isInteger(minutes) && minutes >= 2 ? { windowMinutes: minutes } : {}) };
}
