"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { InvoiceStatus } from "@/lib/domain/billing";

const TONE: Record<InvoiceStatus, Tone> = { issued: "info", paid: "success", overdue: "danger" };

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const t = useTranslations("billing.invoiceStatus");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
