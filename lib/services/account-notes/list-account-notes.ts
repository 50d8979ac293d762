import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { accountNotes, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { AccountNote } from "@/lib/domain/staff";
import { staffAccountAccess } from "../staff/staff-account-access";

export interface AccountNotePage {
  items: AccountNote[];
  nextAfterId: string | null;
}

/** The account's notes, newest first, keyset-paginated on the time-sortable id. */
export async function listAccountNotes(principal: Principal, slug: string, page: { limit: number; beforeId?: string }): Promise<AccountNotePage> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const conditions: SQL[] = [eq(accountNotes.orgId, org.id)];
  if (page.beforeId) conditions.push(lt(accountNotes.id, page.beforeId));
  const rows = await db
    .select({ note: accountNotes, author: users.name })
    .from(accountNotes)
    .innerJoin(users, eq(users.id, accountNotes.authorId))
    .where(and(...conditions))
    .orderBy(desc(accountNotes.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(({ note, author }) => ({ id: note.id, body: note.body, author: { userId: note.authorId, name: author }, createdAt: note.createdAt.toISOString() }));
  return { items, nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null };
}
