import "server-only";
import { accountNotes } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { newId } from "@/lib/domain/ids";
import { CreateAccountNoteInput, type AccountNote } from "@/lib/domain/staff";
import { recordAudit } from "../audit/record";
import { staffAccountAccess } from "../staff/staff-account-access";

/**
 * A staff note on an account. Notes are the provider's own: audited in the staff log (no org),
 * never in the customer's, and no customer-facing service reads them.
 */
export async function createAccountNote(principal: Principal, slug: string, rawInput: CreateAccountNoteInput, now: Date = new Date()): Promise<AccountNote> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const input = CreateAccountNoteInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountNotes)
      .values({ id: newId("note", now.getTime()), orgId: org.id, authorId: principal.userId, body: input.body, createdAt: now })
      .returning();
    await recordAudit(tx, principal, null, { action: "staff.note.create", targetType: "org", targetId: org.id, data: { slug: org.slug, noteId: row.id } });
    return { id: row.id, body: row.body, author: { userId: principal.userId, name: principal.name }, createdAt: row.createdAt.toISOString() };
  });
}
