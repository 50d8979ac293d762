import type { MeteringRecord } from "../metering";
import { BATCH_TOKEN_SKUS, CONTROL_PLANE_SKUS, TOKEN_SKUS, listUnitPriceMicro, type PriceBook, type ServiceKind } from "./price-book";
import { allocate, splitByJstDay } from "./split";
import { RU_PER_MICRO_YEN, RU_PER_MICRO_YEN_SECOND_PER_HOUR } from "./units";

// Rating, step one: a metering record × the list price → list amounts per JST day and SKU, exact.
// The contract discount is applied later, when amounts are read (see contract.ts), because an
// account manager may set terms effective from a date that has already been ingested.

/** One record's usage within one JST day for one SKU. */
export interface UsagePart {
  recordId: string;
  orgId: string;
  day: string;
  service: ServiceKind;
  sku: string;
  regionId: string;
  zoneId: string;
  resourceId: string;
  resourceKind: MeteringRecord["resourceKind"];
  seconds: number;
  gpuSeconds: number;
  tokens: number;
  /** The list unit price applied, micro-yen per hour (or per token): kept so a price change splits invoice lines. */
  unitPriceMicro: bigint;
  /** Exact list amount in ru (a multiple of 1e4 ru). */
  listRu: bigint;
}

export class RatingError extends Error {
  constructor(readonly recordId: string, message: string) {
    super(`metering record ${recordId}: ${message}`);
    this.name = "RatingError";
  }
}

/** Whether the record's usage is already paid for by a reservation. */
export function coveredByReservation(record: Pick<MeteringRecord, "meter" | "reservationId">): boolean {
  return record.meter === "node" && typeof record.reservationId === "string" && record.reservationId.length > 0;
}

export function serviceOf(record: Pick<MeteringRecord, "meter" | "resourceKind">): ServiceKind {
  if (record.meter === "control_plane") return "control_plane";
  if (record.meter === "tokens") return "inference";
  if (record.meter === "batch_tokens") return "inference_batch";
  return record.resourceKind === "cluster" ? "kubernetes" : "inference";
}

interface Quantity {
  sku: string;
  seconds: number;
  gpuSeconds: number;
  tokens: number;
}

function quantitiesOf(record: MeteringRecord): Quantity[] {
  switch (record.meter) {
    case "node":
      if (!record.shapeId) throw new RatingError(record.id, "a node record needs a shapeId");
      return [{ sku: record.shapeId, seconds: record.seconds, gpuSeconds: record.gpuSeconds, tokens: 0 }];
    case "control_plane":
      if (!record.controlPlaneTier) throw new RatingError(record.id, "a control plane record needs a tier");
      return [{ sku: CONTROL_PLANE_SKUS[record.controlPlaneTier], seconds: record.seconds, gpuSeconds: 0, tokens: 0 }];
    case "tokens":
      return [
        { sku: TOKEN_SKUS.input, seconds: 0, gpuSeconds: 0, tokens: record.inputTokens },
        { sku: TOKEN_SKUS.output, seconds: 0, gpuSeconds: 0, tokens: record.outputTokens },
      ].filter((q) => q.tokens > 0);
    case "batch_tokens":
      return [
        { sku: BATCH_TOKEN_SKUS.input, seconds: 0, gpuSeconds: 0, tokens: record.inputTokens },
        { sku: BATCH_TOKEN_SKUS.output, seconds: 0, gpuSeconds: 0, tokens: record.outputTokens },
      ].filter((q) => q.tokens > 0);
  }
}

function listAmountRu(priceMicro: bigint, q: { seconds: number; tokens: number }): bigint {
  return (
    priceMicro * BigInt(q.seconds) * RU_PER_MICRO_YEN_SECOND_PER_HOUR +
    priceMicro * BigInt(q.tokens) * RU_PER_MICRO_YEN
  );
}

/** Throws RatingError unless the record can be rated; cheap enough to run over a whole batch first. */
export function assertRateable(record: MeteringRecord, priceBook: PriceBook): { start: number; end: number } {
  const start = Date.parse(record.intervalStart);
  const end = Date.parse(record.intervalEnd);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RatingError(record.id, "interval is not RFC 3339");
  if (end < start) throw new RatingError(record.id, "interval ends before it starts");
  for (const q of quantitiesOf(record)) {
    if (listUnitPriceMicro(priceBook, q.sku) === undefined) throw new RatingError(record.id, `no list price for ${q.sku}`);
  }
  return { start, end };
}

/**
 * Splits a record into per-JST-day, per-SKU parts with exact list amounts. The parts' seconds,
 * GPU-seconds, tokens and amounts add up to exactly the record's. Parts with nothing in them
 * are dropped. Throws RatingError for a SKU the price book does not price: billing it ¥0 silently
 * would be worse than stopping the pipeline.
 */
export function rateRecord(record: MeteringRecord, priceBook: PriceBook): UsagePart[] {
  const { start, end } = assertRateable(record, priceBook);
  const slices = splitByJstDay(start, end);
  const weights = slices.map((s) => s.ms);
  const service = serviceOf(record);
  const parts: UsagePart[] = [];
  for (const q of quantitiesOf(record)) {
    // A node drawn from a reservation is paid by the reservation's own invoice lines (billed for
    // its term whether used or not): its seconds are kept, at a unit price of zero, never billed twice.
    const price = coveredByReservation(record) ? 0n : (listUnitPriceMicro(priceBook, q.sku) as bigint); // checked by assertRateable
    const seconds = allocate(q.seconds, weights);
    const gpuSeconds = allocate(q.gpuSeconds, weights);
    const tokens = allocate(q.tokens, weights);
    slices.forEach((slice, i) => {
      if (seconds[i] === 0 && gpuSeconds[i] === 0 && tokens[i] === 0) return;
      parts.push({
        recordId: record.id,
        orgId: record.tenantId,
        day: slice.day,
        service,
        sku: q.sku,
        regionId: record.regionId,
        zoneId: record.zoneId,
        resourceId: record.resourceId,
        resourceKind: record.resourceKind,
        seconds: seconds[i],
        gpuSeconds: gpuSeconds[i],
        tokens: tokens[i],
        unitPriceMicro: price,
        listRu: listAmountRu(price, { seconds: seconds[i], tokens: tokens[i] }),
      });
    });
  }
  return parts;
}
