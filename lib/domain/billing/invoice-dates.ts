import { addDays, lastDayOfMonth, nextMonth } from "./jst";

// Invoice dates. Default terms are 月末締め翌月末払い: the month closes on its last day and
// payment is due on the last day of the following month. A contract may instead give a number
// of days after month end.

export function dueDateFor(month: string, paymentTermsDays?: number): string {
  if (paymentTermsDays === undefined) return lastDayOfMonth(nextMonth(month));
  return addDays(lastDayOfMonth(month), paymentTermsDays);
}

/** "HNK-202611-000123": operator prefix, billing month, sequence within the month. */
export function formatInvoiceNumber(month: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError("invoice sequence starts at 1");
  return `HNK-${month.replace("-", "")}-${String(sequence).padStart(6, "0")}`;
}

export const INVOICE_NUMBER_PATTERN = /^HNK-\d{6}-\d{6,}$/;
