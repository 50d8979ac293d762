import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { AccountContract } from "@/lib/domain/staff";
import { staffAccountAccess } from "../staff/staff-account-access";
import { accountContract } from "./contract-versions";

/** The account's contract terms for its manager: in force today, upcoming, and every version. */
export async function getAccountContract(principal: Principal, slug: string, now: Date = new Date()): Promise<AccountContract> {
  const { db, org } = await staffAccountAccess(principal, slug);
  return accountContract(db, org.id, now);
}
