import "server-only";
import { jstDateOf, type InvoiceStatus } from "@/lib/domain/billing";

/** An issued invoice not paid by its due date (JST) reads as overdue; the stored document is untouched. */
export function effectiveStatus(stored: InvoiceStatus, dueDate: string, now: Date): InvoiceStatus {
  return stored === "issued" && dueDate < jstDateOf(now) ? "overdue" : stored;
}
