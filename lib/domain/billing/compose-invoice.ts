import { OPERATOR, REGIONS, findRegion } from "../catalog";
import type { Contract } from "./contract";
import type { Invoice, InvoiceKind, InvoiceLine, RatedUsage } from "./invoice";
import { dueDateFor } from "./invoice-dates";
import { reservationLine, type ReservationCharge } from "./reservation-line";
import { firstDayOfMonth, jstDateOf, jstMonthRange, lastDayOfMonth } from "./jst";
import { ALL_SKUS, SERVICES, SERVICE_NAMES, skuInfo } from "./price-book";
import { STANDARD_TAX_RATE_PERCENT, consumptionTax } from "./tax";
import { MICRO_PER_YEN, RU_PER_YEN, bpsToPercentString, floorYen, ratioToDecimal, toSafeNumber } from "./units";

// Composes a qualified invoice from the month's rated usage. Rounding rules (domain.md, "Billing
// in Japan"): a line's amount is floor(exact sum of its usage) — one rounding per line group
// (service × SKU × region × list unit price × discount); consumption tax is floor(subtotal × rate) once per invoice
// per rate. Every line here is standard-rated (10%); there is no reduced-rate service.

export interface ComposeInvoiceInput {
  kind: InvoiceKind;
  id: string;
  number: string;
  orgId: string;
  month: string;
  issuedAt: Date;
  recipient: Invoice["recipient"];
  usage: readonly RatedUsage[];
  /** The terms for the month (commitment, payment terms); undefined = list prices, default terms. */
  contract?: Contract;
  corrects?: Invoice["corrects"];
  /** Names of the cost centers usage rows refer to (by id), as they are at issue. */
  costCenters?: ReadonlyArray<{ id: string; code: string; nameJa: string; nameEn: string }>;
  /** Reservations' charges for the month (billed for their term whether used or not), one line each. */
  reservations?: readonly ReservationCharge[];
}

const ROUNDING_NOTE_JA = "各明細の金額は秒単位の正確な利用額の合計を円未満切り捨て。消費税は税率ごとに請求書単位で1回計算し円未満切り捨て。";
const ROUNDING_NOTE_EN = "Each line is the exact per-second usage sum rounded down to the yen; consumption tax is computed once per tax rate per invoice and rounded down.";

function groupKey(u: RatedUsage): string {
  return `${u.service}\u0000${u.sku}\u0000${u.regionId}\u0000${u.unitPriceMicro}\u0000${u.discountBps}\u0000${u.costCenterId ?? ""}\u0000${u.poNumber ?? ""}`;
}

/** Merges usage rows that belong to the same line (callers usually pass them grouped already). */
export function groupRatedUsage(usage: readonly RatedUsage[]): RatedUsage[] {
  const groups = new Map<string, RatedUsage>();
  for (const u of usage) {
    const key = groupKey(u);
    const g = groups.get(key);
    if (!g) groups.set(key, { ...u });
    else {
      g.seconds += u.seconds;
      g.gpuSeconds += u.gpuSeconds;
      g.tokens += u.tokens;
      g.listRu += u.listRu;
      g.ratedRu += u.ratedRu;
    }
  }
  const order = (list: readonly string[], v: string) => {
    const i = list.indexOf(v);
    return i === -1 ? list.length : i;
  };
  const regionIds = REGIONS.map((r) => r.id);
  return [...groups.values()].sort(
    (a, b) =>
      order(SERVICES, a.service) - order(SERVICES, b.service) ||
      order(ALL_SKUS, a.sku) - order(ALL_SKUS, b.sku) ||
      a.sku.localeCompare(b.sku) ||
      order(regionIds, a.regionId) - order(regionIds, b.regionId) ||
      a.regionId.localeCompare(b.regionId) ||
      (a.unitPriceMicro === b.unitPriceMicro ? 0 : a.unitPriceMicro < b.unitPriceMicro ? -1 : 1) ||
      a.discountBps - b.discountBps ||
      (a.costCenterId ?? "").localeCompare(b.costCenterId ?? "") ||
      (a.poNumber ?? "").localeCompare(b.poNumber ?? ""),
  );
}

type CostCenterName = NonNullable<ComposeInvoiceInput["costCenters"]>[number];

function usageLine(u: RatedUsage, lineNo: number, centers: ReadonlyMap<string, CostCenterName>): InvoiceLine {
  const center = u.costCenterId ? centers.get(u.costCenterId) : undefined;
  const info = skuInfo(u.sku);
  const region = findRegion(u.regionId);
  const service = SERVICE_NAMES[u.service];
  const byToken = info?.pricedPer === "token";
  // Node hours at a unit price of zero were drawn from a reservation: shown, paid by its own line.
  const covered = info?.kind === "node" && u.unitPriceMicro === 0n;
  return {
    lineNo,
    kind: "usage",
    service: u.service,
    sku: u.sku,
    regionId: u.regionId,
    descriptionJa: `${service.ja} ${info?.nameJa ?? u.sku} ${region?.nameJa ?? u.regionId}${covered ? "（キャパシティ予約内の利用・予約料金に含む）" : ""}`,
    descriptionEn: `${service.en}, ${info?.nameEn ?? u.sku}, ${region?.nameEn ?? u.regionId}${covered ? " (drawn from a capacity reservation; paid by its line)" : ""}`,
    // Tokens are priced per token in micro-yen, i.e. yen per million tokens.
    quantity: byToken ? ratioToDecimal(BigInt(u.tokens), 1_000_000n, 6) : ratioToDecimal(BigInt(u.seconds), 3600n, 3),
    unitJa: byToken ? "100万トークン" : "時間",
    unitEn: byToken ? "million tokens" : "hours",
    seconds: u.seconds,
    gpuSeconds: u.gpuSeconds,
    gpuHours: ratioToDecimal(BigInt(u.gpuSeconds), 3600n, 3),
    tokens: u.tokens,
    unitPriceJpy: trimDecimal(ratioToDecimal(u.unitPriceMicro, MICRO_PER_YEN, 6)),
    discountPercent: bpsToPercentString(u.discountBps),
    listAmountRu: u.listRu.toString(),
    amountRu: u.ratedRu.toString(),
    amountJpy: toSafeNumber(floorYen(u.ratedRu)),
    taxRatePercent: STANDARD_TAX_RATE_PERCENT,
    costCenter: center ? { id: center.id, code: center.code, nameJa: center.nameJa, nameEn: center.nameEn } : null,
    poNumber: u.poNumber || null,
  };
}

function shortfallLine(lineNo: number, committedJpy: number, shortfallJpy: number): InvoiceLine {
  const ru = (BigInt(shortfallJpy) * RU_PER_YEN).toString();
  return {
    lineNo,
    kind: "commitment_shortfall",
    service: null,
    sku: null,
    regionId: null,
    descriptionJa: `最低利用額（月額 ${committedJpy.toLocaleString("ja-JP")}円）との差額`,
    descriptionEn: `Shortfall against the committed monthly spend (¥${committedJpy.toLocaleString("en-US")})`,
    quantity: "1",
    unitJa: "式",
    unitEn: "lot",
    seconds: 0,
    gpuSeconds: 0,
    gpuHours: "0.000",
    tokens: 0,
    unitPriceJpy: String(shortfallJpy),
    discountPercent: "0.00",
    listAmountRu: ru,
    amountRu: ru,
    amountJpy: shortfallJpy,
    taxRatePercent: STANDARD_TAX_RATE_PERCENT,
  };
}

function trimDecimal(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

export function composeInvoice(input: ComposeInvoiceInput): Invoice {
  const groups = groupRatedUsage(input.usage).filter((g) => g.seconds > 0 || g.tokens > 0 || g.ratedRu !== 0n);
  const centers = new Map((input.costCenters ?? []).map((c) => [c.id, c]));
  const lines = groups.map((g, i) => usageLine(g, i + 1, centers));
  for (const charge of input.reservations ?? []) lines.push(reservationLine(charge, lines.length + 1));
  // Reservation charges are spend like any other toward the committed monthly amount.
  const usageSubtotal = lines.reduce((sum, l) => sum + l.amountJpy, 0);
  const committed = input.contract?.committedMonthlyJpy ?? 0;
  if (committed > usageSubtotal) lines.push(shortfallLine(lines.length + 1, committed, committed - usageSubtotal));

  const subtotalJpy = lines.reduce((sum, l) => sum + l.amountJpy, 0);
  const taxJpy = consumptionTax(subtotalJpy, STANDARD_TAX_RATE_PERCENT);
  const range = jstMonthRange(input.month);
  const termsDays = input.contract?.paymentTermsDays;
  const correction = input.kind === "correction";

  return {
    schemaVersion: 1,
    kind: input.kind,
    id: input.id,
    number: input.number,
    orgId: input.orgId,
    month: input.month,
    titleJa: correction ? "修正請求書（修正適格請求書）" : "請求書（適格請求書）",
    titleEn: correction ? "Corrected invoice (qualified invoice)" : "Invoice (qualified invoice)",
    period: {
      startDate: firstDayOfMonth(input.month),
      endDate: lastDayOfMonth(input.month),
      start: range.start.toISOString(),
      end: range.end.toISOString(),
    },
    issueDate: jstDateOf(input.issuedAt),
    issuedAt: input.issuedAt.toISOString(),
    dueDate: dueDateFor(input.month, termsDays),
    issuer: {
      nameJa: OPERATOR.legalNameJa,
      nameEn: OPERATOR.legalNameEn,
      registrationNumber: OPERATOR.invoiceRegistrationNumber,
      addressJa: OPERATOR.addressJa,
    },
    recipient: input.recipient,
    currency: "JPY",
    lines,
    taxes: [{ ratePercent: STANDARD_TAX_RATE_PERCENT, subtotalJpy, taxJpy }],
    subtotalJpy,
    taxJpy,
    totalJpy: subtotalJpy + taxJpy,
    exactUsageRu: lines.filter((l) => l.kind !== "commitment_shortfall").reduce((sum, l) => sum + BigInt(l.amountRu), 0n).toString(),
    ruPerYen: RU_PER_YEN.toString(),
    paymentTermsJa: termsDays === undefined ? "月末締め翌月末払い" : `月末締め${termsDays}日後払い`,
    paymentTermsEn: termsDays === undefined ? "Due at the end of the following month" : `Due ${termsDays} days after month end`,
    bankAccount: { ...OPERATOR.bank },
    rounding: { lines: "floor_of_exact_line_sum", tax: "floor_per_invoice_per_rate", noteJa: ROUNDING_NOTE_JA, noteEn: ROUNDING_NOTE_EN },
    corrects: input.corrects ?? null,
  };
}
