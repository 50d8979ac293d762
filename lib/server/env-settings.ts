// Settings read from the environment in one way. An interval, a count, a size or a rate must be a
// positive whole number: "" or a typo is refused at start rather than becoming a 0 ms (or NaN)
// timer, an unlimited size or a limiter that lets nothing through.

type Env = Readonly<Record<string, string | undefined>>;

function positiveWhole(name: string, fallback: number, env: Env, unit: string): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new Error(`${name} must be a positive whole number${unit} (got ${JSON.stringify(raw)})`);
  }
  return Number(value);
}

/** Milliseconds between rounds of a task, or a time-to-live. */
export function intervalSetting(name: string, fallbackMs: number, env: Env = process.env): number {
  return positiveWhole(name, fallbackMs, env, " of milliseconds");
}

/** A count, a size in bytes, a number of seconds or a rate. */
export function positiveSetting(name: string, fallback: number, env: Env = process.env): number {
  return positiveWhole(name, fallback, env, "");
}

/**
 * An e-mail address shown to people (the support contact): one address, nothing around it, so a
 * typo is refused at start rather than printed into every mailto: link of the console.
 */
export function emailSetting(name: string, fallback: string, env: Env = process.env): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = raw.trim();
  if (!/^[^\s@<>(),;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(value)) {
    throw new Error(`${name} must be one e-mail address (got ${JSON.stringify(raw)})`);
  }
  return value;
}
