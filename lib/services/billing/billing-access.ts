import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";

/** For the billing pages: may the caller see money here, change budgets, choose soft actions? */
export async function billingAccess(principal: Principal, slug: string): Promise<{ canWrite: boolean; isOwner: boolean }> {
  const { access } = await orgContext(principal, slug, "billing.read");
  return { canWrite: access.permissions.includes("billing.write"), isOwner: access.role === "owner" };
}
