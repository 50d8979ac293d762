import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appSettings, budgets, costAllocations, costCenters, orgs } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";
import { createBudget, ingestMeteringRecords } from "@/lib/billing";
import { systemPrincipal } from "@/lib/auth/principal";
import { addDays, daysOfMonth, firstDayOfMonth, jstDateOf, jstDayStart, jstMonthOf, previousMonth } from "@/lib/domain/billing";
import type { MeteringRecord } from "@/lib/domain/metering";
import { closeBillingMonth } from "./close-billing-month";

// Demo money for hinoki-motor: last month's usage of a few clusters and an endpoint across
// shapes and regions, this month's days so far, a budget, and last month closed so an issued
// qualified invoice is there to open. The records go through the engine like any metering (their
// ids are deterministic, so a rerun adds nothing); a marker keeps a restart from redoing it.

const MARKER = "demo.billing.seeded";
export const DEMO_SOURCE = "demo-seed";
const DEMO_ORG = "hinoki-motor";

interface DemoResource {
  id: string;
  kind: "cluster" | "endpoint";
  meter: "node" | "control_plane" | "tokens";
  shapeId: string | null;
  gpuCount: number;
  nodes: number;
  regionId: string;
  zoneId: string;
  tier?: "single" | "ha";
  /** Day-of-month range it ran in (1-based, inclusive), or "all". */
  days: [number, number] | "all";
}

const RESOURCES: DemoResource[] = [
  { id: "cl_DEMO0LLMTRAINING0000000000", kind: "cluster", meter: "node", shapeId: "h100-8x", gpuCount: 8, nodes: 2, regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", days: "all" },
  { id: "cl_DEMO0LLMTRAINING0000000000", kind: "cluster", meter: "control_plane", shapeId: null, gpuCount: 0, nodes: 1, regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", tier: "ha", days: "all" },
  { id: "cl_DEMO0CAESIMULATION00000000", kind: "cluster", meter: "node", shapeId: "l40s-1x", gpuCount: 1, nodes: 4, regionId: "jp-osaka-1", zoneId: "jp-osaka-1a", days: [3, 14] },
  { id: "cl_DEMO0CAESIMULATION00000000", kind: "cluster", meter: "control_plane", shapeId: null, gpuCount: 0, nodes: 1, regionId: "jp-osaka-1", zoneId: "jp-osaka-1a", tier: "single", days: [3, 14] },
  { id: "cl_DEMO0B200BURST000000000000", kind: "cluster", meter: "node", shapeId: "b200-8x", gpuCount: 8, nodes: 1, regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1b", days: [18, 22] },
  { id: "ep_DEMO0SUPPORTCHAT0000000000", kind: "endpoint", meter: "node", shapeId: "h100-1x", gpuCount: 1, nodes: 1, regionId: "jp-hokkaido-1", zoneId: "jp-hokkaido-1a", days: "all" },
  { id: "ep_DEMO0SUPPORTCHAT0000000000", kind: "endpoint", meter: "tokens", shapeId: null, gpuCount: 0, nodes: 1, regionId: "jp-hokkaido-1", zoneId: "jp-hokkaido-1a", days: "all" },
];

/** One record per resource, node and JST day: deterministic ids, so ingesting twice counts once. */
export function demoMeteringRecords(orgId: string, days: readonly string[]): MeteringRecord[] {
  const records: MeteringRecord[] = [];
  let sequence = 0;
  for (const day of days) {
    const dayOfMonth = Number(day.slice(8, 10));
    const start = jstDayStart(day).toISOString();
    const end = jstDayStart(addDays(day, 1)).toISOString();
    for (const r of RESOURCES) {
      if (r.days !== "all" && (dayOfMonth < r.days[0] || dayOfMonth > r.days[1])) continue;
      for (let node = 0; node < r.nodes; node++) {
        const tokens = r.meter === "tokens" ? 2_000_000 + ((dayOfMonth * 7919) % 900_000) : 0;
        records.push({
          id: `demo:${r.id}:${r.meter}:${node}:${day}`,
          tenantId: orgId,
          resourceId: r.id,
          resourceKind: r.kind,
          meter: r.meter,
          shapeId: r.shapeId,
          controlPlaneTier: r.meter === "control_plane" ? (r.tier ?? "single") : null,
          regionId: r.regionId,
          zoneId: r.zoneId,
          intervalStart: start,
          intervalEnd: end,
          seconds: r.meter === "tokens" ? 0 : 86_400,
          gpuSeconds: r.meter === "node" ? 86_400 * r.gpuCount : 0,
          inputTokens: tokens,
          outputTokens: Math.floor(tokens / 3),
          requests: r.meter === "tokens" ? Math.floor(tokens / 1500) : 0,
          sequence: sequence++,
        });
      }
    }
  }
  return records;
}

/** 部門 for the demo: who paid for last month's clusters and endpoint (so its invoice has a 内訳). */
const DEMO_COST_CENTERS = [
  { code: "CC-1001", nameJa: "AI研究開発部", nameEn: "AI Research & Development", resources: ["cl_DEMO0LLMTRAINING0000000000", "ep_DEMO0SUPPORTCHAT0000000000"], poNumber: "PO-2026-0042" },
  { code: "CC-2001", nameJa: "生産技術部", nameEn: "Production Engineering", resources: ["cl_DEMO0CAESIMULATION00000000", "cl_DEMO0B200BURST000000000000"], poNumber: null },
] as const;

async function seedDemoCostCenters(db: Db, orgId: string, from: string, now: Date): Promise<void> {
  for (const c of DEMO_COST_CENTERS) {
    const id = newId("costCenter", now.getTime());
    const [created] = await db.insert(costCenters).values({ id, orgId, code: c.code, nameJa: c.nameJa, nameEn: c.nameEn, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
    if (!created) continue;
    for (const resourceId of c.resources) {
      await db.insert(costAllocations).values({
        id: newId("costAllocation", now.getTime()),
        orgId,
        resourceKind: resourceId.startsWith("ep_") ? "endpoint" : "cluster",
        resourceId,
        costCenterId: id,
        poNumber: c.poNumber,
        effectiveFrom: from,
        createdBy: "demo-seed",
        createdAt: now,
      });
    }
  }
}

export async function seedDemoBilling(db: Db, now: Date = new Date()): Promise<boolean> {
  const [marker] = await db.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, MARKER));
  if (marker) return false;
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, DEMO_ORG));
  if (!org) return false;
  const month = jstMonthOf(now);
  const lastMonth = previousMonth(month);
  const today = jstDateOf(now);
  const thisMonthSoFar = daysOfMonth(month).filter((d) => d < today);
  await seedDemoCostCenters(db, org.id, firstDayOfMonth(lastMonth), now);
  const records = demoMeteringRecords(org.id, [...daysOfMonth(lastMonth), ...thisMonthSoFar]);
  await ingestMeteringRecords(db, records, { source: DEMO_SOURCE });
  const report = await closeBillingMonth(db, systemPrincipal({ requestId: "demo-seed" }), lastMonth, now);
  const total = report.results.find((r) => r.orgId === org.id)?.totalJpy ?? 10_000_000;
  const [existing] = await db.select({ id: budgets.id }).from(budgets).where(eq(budgets.orgId, org.id)).limit(1);
  if (!existing) {
    // Twice last month's bill (rounded to ¥1M): room to spare, so alerts come only with real growth.
    const amount = Math.max(1_000_000, Math.ceil((total * 2) / 1_000_000) * 1_000_000);
    await createBudget(db, org.id, { name: "GPU利用 月次予算", monthlyAmountJpy: amount, thresholds: [50, 80, 100], softAction: "none" }, now);
  }
  await db.insert(appSettings).values({ key: MARKER, value: { at: now.toISOString(), month: lastMonth } }).onConflictDoNothing();
  return true;
}
