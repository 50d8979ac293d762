import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { desc, eq } from "drizzle-orm";
import { invitations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Invitation } from "@/lib/domain/orgs";
import { orgContext } from "../access/org-context";
import { toInvitation } from "./to-invitation";

export async function listInvitations(principal: Principal, slug: string): Promise<Page<Invitation>> {
  const { db, orgId } = await orgContext(principal, slug, "members.read");
  const rows = await db.select().from(invitations).where(eq(invitations.orgId, orgId)).orderBy(desc(invitations.id)).limit(200);
  return wholePage(rows.map(toInvitation));
}
