import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { loadContracts } from "@/lib/billing/contracts";
import { HOURS_PER_MONTH, SHAPES, findShape, type Shape } from "@/lib/domain/catalog";
import { BPS_PER_WHOLE, MICRO_PER_YEN, contractOn, discountBps, jstDateOf, yenToMicro, type Contract } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import type { ContractPrice } from "@/lib/domain/staff";

// "Their prices everywhere prices appear": what a shape costs this org at a moment, under the
// contract in force that JST day — the same discount rule rating applies (a per-GPU-model
// discount replaces the overall one). Pricing UIs (clusters wizard, shapes page, endpoints) call
// contractPriceFor / contractPricesAt from their services and show list and contract price.

export function priceUnder(contract: Contract | null | undefined, shape: Shape): ContractPrice {
  const listMicro = yenToMicro(shape.pricePerHourJpy);
  const bps = discountBps(contract ?? undefined, shape.gpuModel);
  // List prices are whole yen (multiples of 1e6 micro-yen), so this division is exact.
  const priceMicro = (listMicro * (BPS_PER_WHOLE - BigInt(bps))) / BPS_PER_WHOLE;
  return {
    shapeId: shape.id,
    gpuModel: shape.gpuModel,
    listPerHourJpy: shape.pricePerHourJpy,
    pricePerHourJpy: Number(priceMicro) / Number(MICRO_PER_YEN),
    pricePerHourMicroJpy: priceMicro.toString(),
    pricePerMonthJpy: Number((priceMicro * BigInt(HOURS_PER_MONTH)) / MICRO_PER_YEN),
    discountPercent: bps / 100,
    contractEffectiveFrom: contract ? contract.effectiveFrom : null,
  };
}

/** Every shape's price under one set of terms (null: list prices). */
export function contractPricesFor(contract: Contract | null | undefined): ContractPrice[] {
  return SHAPES.map((shape) => priceUnder(contract, shape));
}

/** Every shape's price for an org at a moment. */
export async function contractPricesAt(db: DbOrTx, orgId: string, at: Date = new Date()): Promise<ContractPrice[]> {
  return contractPricesFor(contractOn(await loadContracts(db, orgId), jstDateOf(at)));
}

/** One shape's price for an org at a moment (a 400 for a shape the catalog does not know). */
export async function contractPriceFor(db: DbOrTx, orgId: string, shapeId: string, at: Date = new Date()): Promise<ContractPrice> {
  const shape = findShape(shapeId);
  if (!shape) throw new AppError("validation_failed", `unknown shape ${shapeId}`, { field: "shapeId" });
  return priceUnder(contractOn(await loadContracts(db, orgId), jstDateOf(at)), shape);
}
