import "server-only";
import { getDb } from "@/lib/db/client";
import { pendingLink } from "@/lib/auth/sso-link";

export interface PendingLinkView {
  issuer: string;
  assertedEmail: string;
  accountEmail: string;
  expiresAt: string;
}

/** What the link page shows this browser about the link it started (nothing for another's). */
export async function getPendingLink(token: string | undefined): Promise<PendingLinkView | null> {
  const link = await pendingLink(await getDb(), token);
  return link ? { issuer: link.issuer, assertedEmail: link.email, accountEmail: link.userEmail, expiresAt: link.expiresAt.toISOString() } : null;
}
