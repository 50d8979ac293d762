// Settings read from the environment in one way. An interval must be a positive whole number of
// milliseconds: "" or a typo is refused at start rather than becoming a 0 ms (or NaN) timer.

export function intervalSetting(name: string, fallbackMs: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[name];
  if (raw === undefined) return fallbackMs;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new Error(`${name} must be a positive whole number of milliseconds (got ${JSON.stringify(raw)})`);
  }
  return Number(value);
}
