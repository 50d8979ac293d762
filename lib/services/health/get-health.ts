import "server-only";
import { sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/lib/db/client";

// Health of what the console depends on. The control plane registers its own probe (issue 3)
// through `registerHealthProbe`, so this file does not need to know about it.

export interface ComponentHealth {
  status: "ok" | "down";
  detail?: string;
  latencyMs?: number;
}

type Probe = () => Promise<ComponentHealth>;
const PROBES = Symbol.for("hinoki.healthProbes");
type G = typeof globalThis & { [PROBES]?: Map<string, Probe> };

export function registerHealthProbe(name: string, probe: Probe): void {
  const g = globalThis as G;
  (g[PROBES] ??= new Map()).set(name, probe);
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
  const g = globalThis as G;
  const entries: Array<[string, Probe]> = [["database", database], ...(g[PROBES] ?? new Map())];
  const results = await Promise.all(entries.map(async ([name, probe]) => [name, await probe().catch((e) => ({ status: "down" as const, detail: String(e) }))] as const));
  const components = Object.fromEntries(results);
  return { status: results.every(([, r]) => r.status === "ok") ? "ok" : "degraded", components };
}
