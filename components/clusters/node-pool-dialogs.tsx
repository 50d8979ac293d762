"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError, newIdempotencyKey } from "@/lib/client/api-fetch";
import { useAddNodePool, useUpdateNodePool } from "@/lib/client/clusters/use-clusters";
import { isApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { HeldOrderFields } from "@/components/approvals/held-order-fields";
import { useHeldOrder } from "@/components/approvals/use-held-order";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { SHAPES } from "@/lib/domain/catalog/shapes";
import type { NodePool } from "@/lib/domain/clusters";
import { formatYen } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { NVL72_TRAYS_PER_RACK } from "@/lib/domain/catalog/shapes";
import { QueueChoice, queueRequestOf, type QueueChoiceValue } from "./queue-choice";

function useFieldError() {
  const errorMessage = useErrorMessage();
  const t = useTranslations("clusters.issues");
  return (error: unknown, field: string): string | undefined => {
    if (!(error instanceof ApiError) || error.field !== field) return undefined;
    const d = error.details ?? {};
    if (error.code === "capacity_unavailable") {
      const where = ((d.availableIn as Array<{ zoneId: string; available: number }>) ?? []).map((z) => `${z.zoneId} (${z.available})`);
      return where.length ? t("capacityElsewhere", { available: Number(d.available ?? 0), zones: where.join(", ") }) : t("capacityNowhere", { available: Number(d.available ?? 0) });
    }
    if (error.code === "quota_exceeded") return t("quota", { model: String(d.gpuModel), limit: Number(d.limit), inUse: Number(d.inUse), requested: Number(d.requested) });
    return errorMessage(error);
  };
}

/** Scale a pool and/or change its autoscaling bounds, with the new price beside it. */
export function ScalePoolDialog({ slug, clusterId, pool, onClose }: { slug: string; clusterId: string; pool: NodePool; onClose: () => void }) {
  const t = useTranslations("clusters");
  const ta = useTranslations("approvals");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const fieldError = useFieldError();
  const mutation = useUpdateNodePool(slug, clusterId);
  const intent = useRef<string | null>(null);
  const [count, setCount] = useState(pool.count);
  const [autoscaling, setAutoscaling] = useState(pool.autoscaling !== null);
  const [min, setMin] = useState(pool.autoscaling?.min ?? Math.min(1, pool.count));
  const [max, setMax] = useState(pool.autoscaling?.max ?? pool.count);
  const shape = SHAPES.find((s) => s.id === pool.shapeId);
  // Refused for capacity: the person may choose to wait for it (空き待ち) and send it again.
  const [queueChoice, setQueueChoice] = useState<QueueChoiceValue>({ wait: false, deadline: "" });
  const [capacityShort, setCapacityShort] = useState(false);
  const queue = capacityShort ? queueRequestOf(queueChoice) : undefined;
  // A 稟議 rule that holds the scale-up asks for 件名・目的 on the first submit (nothing changed).
  const held = useHeldOrder(mutation.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    intent.current ??= newIdempotencyKey();
    try {
      const op = await mutation.mutateAsync({ poolId: pool.id, change: { count, autoscaling: autoscaling && pool.topology !== "rack" ? { min, max } : null, ...(queue ? { queue } : {}), ...held.approval }, idempotencyKey: intent.current });
      if (isApprovalRequest(op)) toast.success(ta("wizard.submitted", { subject: op.subject }));
      else toast.success(op.status === "queued" ? t("queue.queuedToast", { name: pool.name }) : t("detail.scaleStarted", { name: pool.name, count }));
      onClose();
    } catch (failure) {
      intent.current = null;
      if (failure instanceof ApiError && failure.code === "capacity_unavailable") setCapacityShort(true);
    }
  };
  const error = mutation.error;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("detail.scaleTitle", { name: pool.name })} description={t("detail.scaleDescription", { shape: pool.shapeId })} closeLabel={tc("close")}>
      <form onSubmit={submit} className="space-y-4">
        <TextField
          label={t("wizard.count")}
          type="number"
          min={0}
          max={512}
          step={pool.topology === "rack" ? NVL72_TRAYS_PER_RACK : 1}
          value={String(count)}
          onChange={(e) => {
            intent.current = null;
            setCount(Math.max(0, Number(e.target.value) || 0));
          }}
          error={fieldError(error, "count")}
          hint={shape ? t("wizard.countHint", { gpus: formatGpus(shape.gpuCount * count, locale), price: formatYen(shape.pricePerHourJpy * count, locale) }) : undefined}
        />
        {pool.topology !== "rack" ? (
          <>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={autoscaling} onChange={(e) => setAutoscaling(e.target.checked)} />
              {t("wizard.autoscaling")}
            </label>
            {autoscaling ? (
              <div className="grid grid-cols-2 gap-3">
                <TextField label={t("wizard.min")} type="number" min={0} value={String(min)} onChange={(e) => setMin(Math.max(0, Number(e.target.value) || 0))} error={fieldError(error, "autoscaling")} />
                <TextField label={t("wizard.max")} type="number" min={1} value={String(max)} onChange={(e) => setMax(Math.max(1, Number(e.target.value) || 1))} />
              </div>
            ) : null}
          </>
        ) : null}
        {capacityShort ? (
          <QueueChoice
            value={queueChoice}
            onChange={(v) => {
              intent.current = null;
              setQueueChoice(v);
            }}
          />
        ) : null}
        <HeldOrderFields requirement={held.requirement} value={held.text} onChange={held.setText} />
        {error && !held.askedNow && !(error instanceof ApiError && (error.field === "count" || error.field === "autoscaling")) ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {errorMessage(error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={mutation.isPending || held.waiting}>
            {held.requirement ? ta("wizard.submit") : queue ? t("queue.submit") : t("detail.applyScale")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function AddPoolDialog({ slug, clusterId, zoneId, onClose }: { slug: string; clusterId: string; zoneId: string; onClose: () => void }) {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const fieldError = useFieldError();
  const mutation = useAddNodePool(slug, clusterId);
  const intent = useRef<string | null>(null);
  const [name, setName] = useState("");
  const [shapeId, setShapeId] = useState("l40s-1x");
  const [count, setCount] = useState(1);
  const shape = SHAPES.find((s) => s.id === shapeId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    intent.current ??= newIdempotencyKey();
    try {
      await mutation.mutateAsync({ pool: { name, shapeId, count }, idempotencyKey: intent.current });
      toast.success(t("detail.addStarted", { name }));
      onClose();
    } catch {
      intent.current = null;
    }
  };
  const error = mutation.error;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("detail.addPoolTitle")} description={t("detail.addPoolDescription", { zone: zoneId })} closeLabel={tc("close")}>
      <form onSubmit={submit} className="space-y-4">
        <TextField label={t("wizard.poolName")} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, "name")} autoComplete="off" required />
        <SelectField label={t("wizard.shape")} value={shapeId} onChange={(e) => setShapeId(e.target.value)}>
          {SHAPES.filter((s) => !s.rackScale).map((s) => (
            <option key={s.id} value={s.id}>
              {s.id} — {t("wizard.perHour", { price: formatYen(s.pricePerHourJpy, locale) })}
            </option>
          ))}
        </SelectField>
        <TextField label={t("wizard.count")} type="number" min={0} value={String(count)} onChange={(e) => setCount(Math.max(0, Number(e.target.value) || 0))} error={fieldError(error, "count")} hint={shape ? t("wizard.countHint", { gpus: formatGpus(shape.gpuCount * count, locale), price: formatYen(shape.pricePerHourJpy * count, locale) }) : undefined} />
        {error && !(error instanceof ApiError && (error.field === "count" || error.field === "name")) ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {errorMessage(error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={mutation.isPending || !name}>
            {t("detail.addPool")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
