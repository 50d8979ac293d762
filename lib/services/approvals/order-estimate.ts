import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { MICRO_PER_YEN } from "@/lib/domain/billing";
import { findShape, HOURS_PER_MONTH } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { contractPricesAt } from "../contracts/effective-prices";

// What a 稟議 rule weighs for an order of machines (endpoint replicas, node-pool nodes): yen per
// hour and per month (730 hours) at the org's prices under the contract in force today — the
// same discount rule the cluster wizard's quote and rating apply (a per-GPU-model discount
// replaces the overall one); list prices when no contract is in force. A scale-up is weighed by
// what it ADDS (the lines given are the added replicas or nodes), so a rule's threshold is the
// amount one decision commits the company to each month.

export interface OrderEstimate {
  perHour: number;
  perMonth: number;
  basis: "contract" | "list";
}

export async function estimateMachines(db: DbOrTx, orgId: string, lines: { shapeId: string; count: number }[], now: Date = new Date()): Promise<OrderEstimate> {
  const prices = await contractPricesAt(db, orgId, now);
  // In micro-yen, exact; the month is rounded down once, on the total (as the cluster quote does).
  let perHourMicro = BigInt(0);
  let contract = false;
  for (const line of lines) {
    const price = prices.find((p) => p.shapeId === line.shapeId);
    if (!price || !findShape(line.shapeId)) throw new AppError("validation_failed", `unknown shape ${line.shapeId}`, { field: "shapeId" });
    perHourMicro += BigInt(price.pricePerHourMicroJpy) * BigInt(line.count);
    contract ||= price.contractEffectiveFrom !== null;
  }
  return {
    perHour: Number(perHourMicro) / Number(MICRO_PER_YEN),
    perMonth: Number((perHourMicro * BigInt(HOURS_PER_MONTH)) / MICRO_PER_YEN),
    basis: contract ? "contract" : "list",
  };
}
