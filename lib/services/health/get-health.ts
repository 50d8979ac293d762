import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";

// Health of what the console depends on. The control plane registers its own probe (issue 3)
// through `registerHealthProbe`, so this file does not need to know about it.

export interface ComponentHealth {
  status: "ok" | "down";
  detail?: string;
  latencyMs?: number;
}

type Probe = () => Promise<ComponentHealth>;
const probes = () => processSingleton("healthProbes", () => new Map<string, Probe>());

export function registerHealthProbe(name: string, probe: Probe): void {
  probes().set(name, probe);
}

async function database(): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await (await getDb()).execute(sql`select 1`);
    return { status: "ok", detail: handle.driver, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", detail: error instanceof Error ? error.message : String(error) };
  }
}

export async function getHealth(): Promise<{ status: "ok" | "degraded"; components: Record<string, ComponentHealth> }> {
  const entries: Array<[string, Probe]> = [["database", database], ...probes()];
  const results = await Promise.all(entries.map(async ([name, probe]) => [name, await probe().catch((e) => ({ status: "down" as const, detail: String(e) }))] as const));
  const components = Object.fromEntries(results);
  return { status: results.every(([, r]) => r.status === "ok") ? "ok" : "degraded", components };
}

export interface HealthView {
  status: "ok" | "degraded";
  components?: Record<string, ComponentHealth>;
}

/**
 * What /api/health tells whom. Anyone (load balancers, uptime checks): up or degraded, nothing
 * else — driver names and error messages carry hosts and ports. A signed-in person: which part
 * is down (the console's outage banner says so). Provider staff: everything.
 */
export async function getHealthFor(principal: Principal | null): Promise<HealthView> {
  const health = await getHealth();
  if (!principal) return { status: health.status };
  if (principal.kind === "user" && principal.staffRole) return health;
  return { status: health.status, components: Object.fromEntries(Object.entries(health.components).map(([name, c]) => [name, { status: c.status }])) };
}
