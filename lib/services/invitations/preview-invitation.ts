import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations, users } from "@/lib/db/schema";
import { hashSecret } from "@/lib/auth/secrets";
import type { InvitationPreview } from "@/lib/domain/invitations";
import { loadReceivedInvitations, toReceivedInvitation } from "./received-invitation";
import { invitationStatus } from "./to-invitation";

/** What the invitation link shows to whoever opens it (the invited mailbox's reader). Reads only. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  if (token.length > 200) return null;
  const db = await getDb();
  const [row] = await loadReceivedInvitations(db, eq(invitations.tokenHash, hashSecret(token)), 1);
  if (!row) return null;
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, row.invitation.email), isNotNull(users.emailVerifiedAt)))
    .limit(1);
  return { ...toReceivedInvitation(row), status: invitationStatus(row.invitation), hasAccount: Boolean(account) };
}
