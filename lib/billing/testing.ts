import "server-only";
import type { Db } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema";
import { SHAPES } from "@/lib/domain/catalog";
import type { MeteringRecord } from "@/lib/domain/metering";

// Test helpers for the billing engine (used by *.test.ts only).

export async function createOrg(db: Db, id: string, legalNameJa = `株式会社テスト${id}`, legalNameEn = `Test ${id} K.K.`): Promise<string> {
  await db.insert(orgs).values({ id, slug: id.toLowerCase().replace(/[^a-z0-9]+/g, "-"), legalNameJa, legalNameEn, corporateNumber: "1234567890123" });
  return id;
}

/**
 * A database whose transactions fail right after their Nth `execute` call overall — the
 * statement has run inside the transaction, then the process "dies" before commit. Simulates a
 * crash mid-ingestion without mocking any SQL.
 */
export function crashingDb(db: Db, crashAfterExecute: number): Db {
  let calls = 0;
  const wrapTx = (tx: object) =>
    new Proxy(tx, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "execute") {
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            if (++calls === crashAfterExecute) throw new Error("injected crash before commit");
            return result;
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "transaction") {
        return (fn: (tx: unknown) => Promise<unknown>, config?: unknown) =>
          (value as (f: (tx: object) => Promise<unknown>, c?: unknown) => Promise<unknown>).call(target, (tx: object) => fn(wrapTx(tx)), config);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Db;
}

/** `hours` of one h100-8x node of cluster `resourceId` from `start` (a metering record as the control plane sends it). */
export function h100Usage(id: string, orgId: string, start: string, hours: number, resourceId = `cl_${orgId}`): MeteringRecord {
  const shape = SHAPES.find((s) => s.id === "h100-8x")!;
  const seconds = hours * 3600;
  return {
    id, tenantId: orgId, resourceId, resourceKind: "cluster", meter: "node", shapeId: shape.id, controlPlaneTier: null,
    regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: start, intervalEnd: new Date(Date.parse(start) + seconds * 1000).toISOString(),
    seconds, gpuSeconds: seconds * shape.gpuCount, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0,
  };
}
