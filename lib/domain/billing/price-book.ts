import { CONTROL_PLANE_PRICE_JPY, SHAPES, type GpuModel } from "../catalog";
import { BPS_PER_WHOLE, yenToMicro } from "./units";

// What is billed and at what list price. Every metered quantity maps to a SKU:
// a node shape id ("h100-8x"), a control plane tier, or a token direction. Prices are kept in
// micro-yen so that a future fractional price (tokens, say ¥0.5 per 1M) stays exact.

// Batch API work (issue 22 §2) is a service of its own so that the cost explorer and invoices
// show it apart from interactive inference: its tokens are metered by the control plane on their
// own meter and priced at the price book's batch discount of the token price. Replica time is not
// split: batches run on the spare capacity of replicas the endpoint holds (and bills) anyway.
export const SERVICES = ["kubernetes", "inference", "inference_batch", "control_plane"] as const;
export type ServiceKind = (typeof SERVICES)[number];

export const SERVICE_NAMES: Record<ServiceKind, { ja: string; en: string }> = {
  kubernetes: { ja: "Kubernetesクラスター", en: "Kubernetes clusters" },
  inference: { ja: "推論エンドポイント", en: "Inference endpoints" },
  inference_batch: { ja: "バッチ推論（Batch API）", en: "Batch inference (Batch API)" },
  control_plane: { ja: "コントロールプレーン", en: "Kubernetes control planes" },
};

export const CONTROL_PLANE_SKUS = { single: "control-plane-single", ha: "control-plane-ha" } as const;
export const TOKEN_SKUS = { input: "tokens-input", output: "tokens-output" } as const;
export const BATCH_TOKEN_SKUS = { input: "tokens-batch-input", output: "tokens-batch-output" } as const;

export interface PriceBook {
  /** Micro-yen per instance-hour, by shape id. */
  shapeHourMicroJpy: Readonly<Record<string, bigint>>;
  /** Micro-yen per hour, by control plane tier. */
  controlPlaneHourMicroJpy: Readonly<{ single: bigint; ha: bigint }>;
  /** Micro-yen per token (= yen per million tokens). Zero: metered and shown, not charged. */
  tokenMicroJpy: Readonly<{ input: bigint; output: bigint }>;
  /** Discount of Batch API tokens off the token price, in basis points (5000 = half price). */
  batchDiscountBps: bigint;
}

export const DEFAULT_PRICE_BOOK: PriceBook = {
  shapeHourMicroJpy: Object.fromEntries(SHAPES.map((s) => [s.id, yenToMicro(s.pricePerHourJpy)])),
  controlPlaneHourMicroJpy: {
    single: yenToMicro(CONTROL_PLANE_PRICE_JPY.single),
    ha: yenToMicro(CONTROL_PLANE_PRICE_JPY.ha),
  },
  tokenMicroJpy: { input: 0n, output: 0n },
  batchDiscountBps: 5000n,
};

/** The batch discount as a whole percentage for names and notes ("50"). */
export const BATCH_DISCOUNT_PERCENT = Number(DEFAULT_PRICE_BOOK.batchDiscountBps / 100n);

/** Micro-yen per batch token: the token price less the batch discount (rounded down, in the customer's favour). */
export function batchTokenMicro(priceBook: PriceBook, direction: "input" | "output"): bigint {
  return (priceBook.tokenMicroJpy[direction] * (BPS_PER_WHOLE - priceBook.batchDiscountBps)) / BPS_PER_WHOLE;
}

export type SkuKind = "node" | "control_plane" | "tokens";

export interface SkuInfo {
  sku: string;
  kind: SkuKind;
  gpuModel: GpuModel | null;
  gpuCount: number;
  /** How the quantity is priced: per hour of seconds held, or per token. */
  pricedPer: "hour" | "token";
  nameJa: string;
  nameEn: string;
}

/** Describes a SKU; undefined for SKUs the catalog does not know. */
export function skuInfo(sku: string): SkuInfo | undefined {
  const shape = SHAPES.find((s) => s.id === sku);
  if (shape) {
    const gpu = shape.gpuModel ? `${shape.gpuCount}× ${shape.gpuModel}` : `${shape.vcpu} vCPU`;
    return { sku, kind: "node", gpuModel: shape.gpuModel, gpuCount: shape.gpuCount, pricedPer: "hour", nameJa: `${sku}（${gpu}）`, nameEn: `${sku} (${gpu})` };
  }
  if (sku === CONTROL_PLANE_SKUS.single) return { sku, kind: "control_plane", gpuModel: null, gpuCount: 0, pricedPer: "hour", nameJa: "シングル構成", nameEn: "single" };
  if (sku === CONTROL_PLANE_SKUS.ha) return { sku, kind: "control_plane", gpuModel: null, gpuCount: 0, pricedPer: "hour", nameJa: "HA構成（3レプリカ）", nameEn: "HA (3 replicas)" };
  if (sku === TOKEN_SKUS.input) return { sku, kind: "tokens", gpuModel: null, gpuCount: 0, pricedPer: "token", nameJa: "入力トークン", nameEn: "input tokens" };
  if (sku === TOKEN_SKUS.output) return { sku, kind: "tokens", gpuModel: null, gpuCount: 0, pricedPer: "token", nameJa: "出力トークン", nameEn: "output tokens" };
  if (sku === BATCH_TOKEN_SKUS.input) return { sku, kind: "tokens", gpuModel: null, gpuCount: 0, pricedPer: "token", nameJa: `バッチ入力トークン（通常単価の${BATCH_DISCOUNT_PERCENT}%引き）`, nameEn: `batch input tokens (${BATCH_DISCOUNT_PERCENT}% off the token price)` };
  if (sku === BATCH_TOKEN_SKUS.output) return { sku, kind: "tokens", gpuModel: null, gpuCount: 0, pricedPer: "token", nameJa: `バッチ出力トークン（通常単価の${BATCH_DISCOUNT_PERCENT}%引き）`, nameEn: `batch output tokens (${BATCH_DISCOUNT_PERCENT}% off the token price)` };
  return undefined;
}

/** Every SKU the catalog bills, in the order invoices list them. */
export const ALL_SKUS: readonly string[] = [
  ...SHAPES.map((s) => s.id),
  CONTROL_PLANE_SKUS.single,
  CONTROL_PLANE_SKUS.ha,
  TOKEN_SKUS.input,
  TOKEN_SKUS.output,
  BATCH_TOKEN_SKUS.input,
  BATCH_TOKEN_SKUS.output,
];

/** List unit price in micro-yen: per hour for nodes and control planes, per token for tokens. */
export function listUnitPriceMicro(priceBook: PriceBook, sku: string): bigint | undefined {
  if (sku in priceBook.shapeHourMicroJpy) return priceBook.shapeHourMicroJpy[sku];
  if (sku === CONTROL_PLANE_SKUS.single) return priceBook.controlPlaneHourMicroJpy.single;
  if (sku === CONTROL_PLANE_SKUS.ha) return priceBook.controlPlaneHourMicroJpy.ha;
  if (sku === TOKEN_SKUS.input) return priceBook.tokenMicroJpy.input;
  if (sku === TOKEN_SKUS.output) return priceBook.tokenMicroJpy.output;
  if (sku === BATCH_TOKEN_SKUS.input) return batchTokenMicro(priceBook, "input");
  if (sku === BATCH_TOKEN_SKUS.output) return batchTokenMicro(priceBook, "output");
  return undefined;
}
