import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { billingContracts } from "@/lib/db/schema";
import { Contract, type ContractInput } from "@/lib/domain/billing";
import { newId } from "@/lib/domain/ids";

// Contract terms history per org. Rows are only ever added: a change of terms is a new row
// effective from a date, and the old terms remain for the days they governed.

export async function saveContract(db: DbOrTx, orgId: string, input: ContractInput, options: { createdBy?: string; now?: Date } = {}): Promise<Contract> {
  const terms = Contract.parse(input);
  await db.insert(billingContracts).values({
    id: newId("contract", options.now?.getTime()),
    orgId,
    effectiveFrom: terms.effectiveFrom,
    terms,
    createdBy: options.createdBy ?? null,
    createdAt: options.now ?? new Date(),
  });
  return terms;
}

/** All of an org's contracts, oldest first; for equal dates the later row comes last and wins. */
export async function loadContracts(db: DbOrTx, orgId: string): Promise<Contract[]> {
  const rows = await db
    .select({ terms: billingContracts.terms })
    .from(billingContracts)
    .where(and(eq(billingContracts.orgId, orgId)))
    .orderBy(asc(billingContracts.effectiveFrom), asc(billingContracts.createdAt), asc(billingContracts.id));
  return rows.map((r) => Contract.parse(r.terms));
}
