import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { invoices } from "@/lib/db/schema";
import { saveContract } from "@/lib/billing/contracts";
import type { Principal } from "@/lib/auth/principal";
import { Contract, firstDayOfMonth, nextMonth, type ContractInput } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import type { AccountContract } from "@/lib/domain/staff";
import { recordAudit } from "../audit/record";
import { staffAccountAccess } from "../staff/staff-account-access";
import { accountContract } from "./contract-versions";
import { parseServiceInput } from "../validation/parse-input";

/**
 * Sets the account's contract terms from a JST date on. Billing rates every day of usage by the
 * terms in force that day, so a date in an open month re-prices that month's usage; a month
 * already invoiced is closed (an issued invoice is never edited), so terms cannot reach back
 * into it. Audited in the customer's log and in the staff log.
 */
export async function putAccountContract(principal: Principal, slug: string, rawInput: ContractInput, now: Date = new Date()): Promise<AccountContract> {
  // Access first: someone who may not see the account learns nothing from a validation error.
  const { db, org } = await staffAccountAccess(principal, slug);
  const terms = parseServiceInput(Contract, rawInput, "invalid contract terms");
  await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ month: sql<string | null>`max(${invoices.month})` })
      .from(invoices)
      .where(and(eq(invoices.orgId, org.id), eq(invoices.kind, "invoice")));
    if (last?.month) {
      const earliest = firstDayOfMonth(nextMonth(last.month));
      if (terms.effectiveFrom < earliest) {
        throw new AppError("business_rule", `${last.month} is already invoiced; terms can take effect from ${earliest}`, { field: "effectiveFrom", earliest });
      }
    }
    await saveContract(tx, org.id, terms, { createdBy: principal.userId, now });
    const facts = { ...terms, discountByGpuModel: { ...terms.discountByGpuModel } };
    await recordAudit(tx, principal, org.id, { action: "contract.update", targetType: "org", targetId: org.id, data: facts });
    await recordAudit(tx, principal, null, { action: "staff.contract.update", targetType: "org", targetId: org.id, data: { slug: org.slug, ...facts } });
  });
  return accountContract(db, org.id, now);
}
