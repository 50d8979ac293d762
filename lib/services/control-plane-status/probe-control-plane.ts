import "server-only";
import { getControlPlane } from "@/lib/control-plane";
import type { ControlPlane } from "@/lib/control-plane";
import { isAppError } from "@/lib/domain/errors";
import type { ComponentHealth } from "../health/get-health";

// Whether the GPU control plane answers, for /api/health and the console's outage banner. A
// probe never waits long: a control plane that does not answer within the timeout is down, and
// concurrent health checks share one probe rather than piling calls onto a struggling server.

const DEFAULT_TIMEOUT_MS = 3_000;
const KEY = Symbol.for("hinoki.controlPlaneProbe");
type G = typeof globalThis & { [KEY]?: Promise<ComponentHealth> };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probe(controlPlane: ControlPlane | undefined, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    // Opening the embedded simulator (first use after start) is local work, not an outage: only
    // the health call itself is timed.
    const cp = controlPlane ?? (await getControlPlane());
    const health = await withTimeout(cp.health(), timeoutMs);
    return {
      status: health.status === "ok" ? "ok" : "down",
      detail: `${health.implementation} ${health.version}${health.status === "ok" ? "" : " (degraded)"}`,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const reason = isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { status: "down", detail: reason, latencyMs: Math.round(performance.now() - started) };
  }
}

export function probeControlPlane(options: { controlPlane?: ControlPlane; timeoutMs?: number } = {}): Promise<ComponentHealth> {
  const g = globalThis as G;
  if (options.controlPlane) return probe(options.controlPlane, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  g[KEY] ??= probe(undefined, options.timeoutMs ?? DEFAULT_TIMEOUT_MS).finally(() => {
    g[KEY] = undefined;
  });
  return g[KEY];
}
