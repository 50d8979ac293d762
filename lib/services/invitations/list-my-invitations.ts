import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ReceivedInvitation } from "@/lib/domain/invitations";
import { assertPerson } from "./assert-person";
import { isOpen, loadReceivedInvitations, toReceivedInvitation } from "./received-invitation";

/** The open invitations addressed to the signed-in person's (proven) e-mail address. */
export async function listMyInvitations(principal: Principal, now = new Date()): Promise<Page<ReceivedInvitation>> {
  assertPerson(principal);
  const db = await getDb();
  const rows = await loadReceivedInvitations(db, and(eq(invitations.email, principal.email.toLowerCase()), isOpen(now)));
  return wholePage(rows.map(toReceivedInvitation));
}
