import type { SimTiming, FailureInjection } from "./config";

// Simulator settings from the environment, for `npm start` (embedded) and `npm run
// control-plane` (standalone). Constructor options override all of them.
//
//   HINOKI_SIM_SPEED                  1 (demo, ~30 s per cluster), 10, … or "instant"
//   HINOKI_SIM_COLD_START_FACTOR      share of a model's catalog cold start to wait (0.2)
//   HINOKI_SIM_TOKEN_DELAY_MS         pause between streamed tokens (15)
//   HINOKI_SIM_FAIL_RATE              0…1, share of provisioning operations that fail
//   HINOKI_SIM_FAIL                   comma-separated resource names or ids that always fail
//   HINOKI_SIM_METERING_INTERVAL_SECONDS   metering interval (60)
//   HINOKI_SIM_FLEET_SCALE            multiply the default fleet (1)

export interface EnvSettings {
  timing: Partial<SimTiming>;
  failures: Partial<FailureInjection>;
  meteringIntervalSeconds?: number;
  fleetScale?: number;
}

function positiveNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export function simulatorSettingsFromEnv(env: Record<string, string | undefined> = process.env): EnvSettings {
  const timing: Partial<SimTiming> = {};
  const speed = env.HINOKI_SIM_SPEED;
  if (speed === "instant") timing.speed = Infinity;
  else {
    const value = positiveNumber("HINOKI_SIM_SPEED", speed);
    if (value !== undefined) timing.speed = value === 0 ? Infinity : value;
  }
  const coldStart = positiveNumber("HINOKI_SIM_COLD_START_FACTOR", env.HINOKI_SIM_COLD_START_FACTOR);
  if (coldStart !== undefined) timing.coldStartFactor = coldStart;
  const tokenDelay = positiveNumber("HINOKI_SIM_TOKEN_DELAY_MS", env.HINOKI_SIM_TOKEN_DELAY_MS);
  if (tokenDelay !== undefined) timing.tokenDelayMs = tokenDelay;

  const failures: Partial<FailureInjection> = {};
  const rate = positiveNumber("HINOKI_SIM_FAIL_RATE", env.HINOKI_SIM_FAIL_RATE);
  if (rate !== undefined) failures.rate = Math.min(1, rate);
  if (env.HINOKI_SIM_FAIL) failures.targets = env.HINOKI_SIM_FAIL.split(",").map((s) => s.trim()).filter(Boolean);

  return {
    timing,
    failures,
    meteringIntervalSeconds: positiveNumber("HINOKI_SIM_METERING_INTERVAL_SECONDS", env.HINOKI_SIM_METERING_INTERVAL_SECONDS) || undefined,
    fleetScale: positiveNumber("HINOKI_SIM_FLEET_SCALE", env.HINOKI_SIM_FLEET_SCALE) || undefined,
  };
}
