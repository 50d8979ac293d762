import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { AccountContract } from "@/lib/domain/staff";
import { orgContext } from "../access/org-context";
import { accountContract } from "./contract-versions";

/** The customer's own contract terms and prices, read-only (contract.read: every role). */
export async function getOrgContract(principal: Principal, slug: string, now: Date = new Date()): Promise<AccountContract> {
  const { db, orgId } = await orgContext(principal, slug, "contract.read");
  return accountContract(db, orgId, now);
}
