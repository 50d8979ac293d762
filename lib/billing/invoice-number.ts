import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { formatInvoiceNumber } from "@/lib/domain/billing";
import { rowsOf } from "./sql-rows";

/**
 * Takes the next invoice number of a billing month. Call inside the transaction that inserts
 * the invoice: the counter row stays locked until commit and rolls back with it, so numbers
 * are gapless and never reused.
 */
export async function nextInvoiceNumber(tx: DbOrTx, month: string): Promise<string> {
  const result = await tx.execute(sql`
    INSERT INTO invoice_number_counters AS c (month, last_value) VALUES (${month}, 1)
    ON CONFLICT (month) DO UPDATE SET last_value = c.last_value + 1
    RETURNING last_value
  `);
  return formatInvoiceNumber(month, Number(rowsOf<{ last_value: number }>(result)[0].last_value));
}
