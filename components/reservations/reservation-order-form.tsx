"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { ApiError } from "@/lib/client/api-fetch";
import { newIdempotencyKey, useOrderReservation, useReservationQuote } from "@/lib/client/reservations/use-reservations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { SHAPES } from "@/lib/domain/catalog/shapes";
import { ZONES } from "@/lib/domain/catalog/regions";
import type { ReservationQuote, ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { isApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { approvalRequiredBy } from "@/lib/client/approvals/approval-required";
import { HeldOrderFields } from "@/components/approvals/held-order-fields";
import { useHeldOrder } from "@/components/approvals/use-held-order";

// 「キャパシティ予約の注文」: shape × count in a zone, from now or a JST date, for a term. The price
// is shown before ordering — the reserved rate, the whole commitment, and the same hours on
// demand — and whether the fleet can guarantee the window; if it cannot, the earliest start it
// can, which one click takes over.

const TERMS = ["1w", "1m", "3m", "6m", "1y", "2y", "3y"] as const;
const RESERVABLE = SHAPES.filter((s) => s.id !== "h100-1x");
const RACK = 18;
const JST_MS = 9 * 3_600_000;

/** The first JST date whose 00:00 is at or after an instant (a start date the form can express). */
function firstJstDateFrom(iso: string): string {
  const ms = Date.parse(iso) + JST_MS;
  const day = Math.ceil(ms / 86_400_000) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

function QuotePanel({ quote, onUseEarliest }: { quote: ReservationQuote; onUseEarliest: (date: string) => void }) {
  const t = useTranslations("reservations.quote");
  const locale = useLocale() as Locale;
  const row = (label: string, value: string, strong = false) => (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className={strong ? "font-semibold tabular text-ink" : "tabular text-ink"}>{value}</dd>
    </div>
  );
  return (
    <div className="space-y-3" aria-live="polite">
      <dl className="divide-y divide-line">
        {row(t("window"), `${formatDateTime(quote.startsAt, locale)} – ${formatDateTime(quote.endsAt, locale)}`)}
        {row(t("listRate"), t("perNodeHour", { rate: quote.listRatePerHour }))}
        {row(t("discounts"), t("discountsValue", { term: quote.termDiscountPercent, contract: quote.contractDiscountPercent }))}
        {row(t("reservedRate"), t("perNodeHour", { rate: quote.reservedRatePerHour }), true)}
        {row(t("commitment"), formatYen(quote.totalCommitment.amount, locale), true)}
        {row(t("onDemand"), formatYen(quote.onDemandEquivalent.amount, locale))}
        {row(t("saving"), formatYen(quote.saving.amount, locale))}
      </dl>
      <p className="text-xs text-muted">{t("breakEven", { percent: quote.breakEvenUtilisationPercent })}</p>
      <p className="text-xs text-muted">{t("taxNote")}</p>
      {quote.accountManagerApproval ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="account-manager-approval-notice">
          {t("accountManagerApproval", { threshold: formatYen(quote.accountManagerApproval.thresholdJpy, locale) })}
        </p>
      ) : null}
      {quote.available ? (
        <p className="text-sm text-emerald-800">{t("available")}</p>
      ) : quote.earliestStartAt ? (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("notAvailable", { earliest: formatDateTime(quote.earliestStartAt, locale) })}</p>
          <Button variant="secondary" size="sm" onClick={() => onUseEarliest(firstJstDateFrom(quote.earliestStartAt!))}>
            {t("useEarliest", { date: firstJstDateFrom(quote.earliestStartAt) })}
          </Button>
        </div>
      ) : (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("neverAvailable")}
        </p>
      )}
    </div>
  );
}

export function ReservationOrderForm() {
  const { slug } = useOrg();
  const t = useTranslations("reservations.form");
  const tr = useTranslations("reservations");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const [shapeId, setShapeId] = useState("h100-8x");
  const [zoneId, setZoneId] = useState("jp-tokyo-1a");
  const [units, setUnits] = useState(1);
  const [term, setTerm] = useState<(typeof TERMS)[number]>("1m");
  const [startMode, setStartMode] = useState<"now" | "date">("now");
  const [startDate, setStartDate] = useState("");
  // One key per intended order: a double click or a retry never orders twice.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const rackScale = SHAPES.find((s) => s.id === shapeId)?.rackScale ?? false;

  const request = useMemo<ReservationRequestInput | null>(() => {
    if (!Number.isInteger(units) || units < 1) return null;
    if (startMode === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return null;
    return { shapeId, zoneId, count: rackScale ? units * RACK : units, term, startDate: startMode === "date" ? startDate : null };
  }, [shapeId, zoneId, units, term, startMode, startDate, rackScale]);
  const quote = useReservationQuote(slug, request);
  const order = useOrderReservation(slug);
  // A 稟議 rule that holds the order asks for 件名・目的 on the first submit (nothing was ordered).
  const amThreshold = quote.data?.accountManagerApproval?.thresholdJpy ?? null;
  const knownHold = useMemo(() => (amThreshold === null ? null : { policyName: "", stages: [], accountManagerThresholdJpy: amThreshold }), [amThreshold]);
  const held = useHeldOrder(order.error, knownHold);
  const fieldError = (field: string) => (quote.error instanceof ApiError && quote.error.field === field ? errorMessage(quote.error) : undefined);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <Card>
        <CardHeader title={t("title")} description={t("description")} />
        <CardBody className="space-y-4">
          <SelectField label={t("shape")} value={shapeId} onChange={(e) => setShapeId(e.target.value)} hint={rackScale ? t("rackHint") : undefined}>
            {RESERVABLE.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("zone")} value={zoneId} onChange={(e) => setZoneId(e.target.value)} error={fieldError("zoneId")}>
            {ZONES.map((z) => (
              <option key={z.id} value={z.id}>
                {z.id}
              </option>
            ))}
          </SelectField>
          <TextField
            label={rackScale ? t("racks") : t("nodes")}
            type="number"
            min={1}
            value={units}
            onChange={(e) => setUnits(Number(e.target.value))}
            hint={rackScale ? t("traysOf", { trays: units * RACK }) : undefined}
            error={fieldError("count")}
          />
          <SelectField label={t("term")} value={term} onChange={(e) => setTerm(e.target.value as (typeof TERMS)[number])}>
            {TERMS.map((id) => (
              <option key={id} value={id}>
                {tr(`terms.${id}`)}
              </option>
            ))}
          </SelectField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-ink">{t("start")}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="start" checked={startMode === "now"} onChange={() => setStartMode("now")} />
              {t("startNow")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="start" checked={startMode === "date"} onChange={() => setStartMode("date")} />
              {t("startOn")}
            </label>
            {startMode === "date" ? (
              <TextField label={t("startDate")} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} hint={t("startDateHint")} error={fieldError("startDate")} />
            ) : null}
          </fieldset>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("priceTitle")} />
        <CardBody className="space-y-4">
          {quote.data ? (
            <QuotePanel
              quote={quote.data}
              onUseEarliest={(date) => {
                setStartMode("date");
                setStartDate(date);
              }}
            />
          ) : quote.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(quote.error)}
            </p>
          ) : (
            <p className="text-sm text-muted">{t("pricing")}</p>
          )}
          <HeldOrderFields requirement={held.requirement} value={held.text} onChange={held.setText} />
          {order.isError && !held.askedNow ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(order.error)}
            </p>
          ) : null}
          <Button
            className="w-full"
            disabled={!request || !quote.data?.available || order.isPending || held.waiting}
            onClick={() =>
              request &&
              order.mutate(
                { request: { ...request, ...held.approval }, idempotencyKey },
                {
                  // The refused first submit ordered nothing: the order with 件名・目的 is a new one.
                  onError: (error) => {
                    if (approvalRequiredBy(error)) setIdempotencyKey(newIdempotencyKey());
                  },
                  onSuccess: (operation) => {
                    // A 稟議 rule held it: the request is where it goes on from.
                    if (isApprovalRequest(operation)) return router.push(`/${slug}/approvals/${operation.id}`);
                    toast.success(t("ordered"));
                    router.push(`/${slug}/reservations/${operation.target.id}`);
                  },
                },
              )
            }
          >
            {quote.data ? t("orderFor", { amount: formatYen(quote.data.totalCommitment.amount, locale) }) : t("order")}
          </Button>
        </CardBody>
      </Card>
    </div>
  );
}
