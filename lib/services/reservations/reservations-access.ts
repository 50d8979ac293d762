import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";

/** For the reservations pages: may the caller see reservations here, and order them? */
export async function reservationsAccess(principal: Principal, slug: string): Promise<{ canOrder: boolean }> {
  const { access } = await orgContext(principal, slug, "reservations.read");
  return { canOrder: access.permissions.includes("reservations.order") };
}
