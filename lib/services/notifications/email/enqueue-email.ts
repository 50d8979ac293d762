import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { outboundEmails } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";

// Mail to an address (not to a member): written in the caller's transaction, so the event and
// its message commit together or not at all. The sender (deliver-outbound-emails.ts) takes it
// from there; nothing here ever returns the text to the caller.

export interface OutboundEmail {
  to: string;
  /** What kind of message (invitation, …): kept after delivery, unlike the text. */
  kind: string;
  subject: string;
  text: string;
}

export async function enqueueEmail(db: DbOrTx, mail: OutboundEmail, now: Date = new Date()): Promise<string> {
  const id = newId("outboundEmail", now.getTime());
  await db.insert(outboundEmails).values({ id, toAddress: mail.to, kind: mail.kind, subject: mail.subject, body: mail.text, status: "pending", createdAt: now });
  return id;
}
