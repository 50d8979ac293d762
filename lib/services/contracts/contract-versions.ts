import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { billingContracts, users } from "@/lib/db/schema";
import { Contract, jstDateOf } from "@/lib/domain/billing";
import type { AccountContract, ContractVersion } from "@/lib/domain/staff";
import { contractPricesFor } from "./effective-prices";

// Contract versions of one org as the staff console and the customer read them. The rows are the
// billing engine's (billing_contracts): rating applies each version from its effective date.

/** Every version, newest effective date first (for one date, the later-set version first). */
export async function loadContractVersions(db: DbOrTx, orgId: string): Promise<ContractVersion[]> {
  const rows = await db
    .select({ row: billingContracts, setBy: users.name })
    .from(billingContracts)
    .leftJoin(users, eq(users.id, billingContracts.createdBy))
    .where(eq(billingContracts.orgId, orgId))
    .orderBy(desc(billingContracts.effectiveFrom), desc(billingContracts.createdAt), desc(billingContracts.id));
  return rows.map(({ row, setBy }) => ({ ...Contract.parse(row.terms), id: row.id, setBy: setBy ?? null, createdAt: row.createdAt.toISOString() }));
}

/** The version in force on the JST day of `at` (the same rule as billing's contractOn). */
export function versionOn(versions: readonly ContractVersion[], day: string): ContractVersion | null {
  return versions.find((v) => v.effectiveFrom <= day) ?? null;
}

export async function currentContractVersion(db: DbOrTx, orgId: string, at: Date = new Date()): Promise<ContractVersion | null> {
  return versionOn(await loadContractVersions(db, orgId), jstDateOf(at));
}

export async function accountContract(db: DbOrTx, orgId: string, at: Date = new Date()): Promise<AccountContract> {
  const history = await loadContractVersions(db, orgId);
  const today = jstDateOf(at);
  const current = versionOn(history, today);
  const upcoming = history.filter((v) => v.effectiveFrom > today).reverse();
  return { current, upcoming, history, prices: contractPricesFor(current) };
}
