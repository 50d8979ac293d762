// Staff routes read the body as-is and let the service validate it after the staff check, so a
// customer gets the same 404 whatever they send.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { ListQuery } from "@/lib/domain/common";
import type { CreateAccountNoteInput } from "@/lib/domain/staff";
import { createAccountNote } from "@/lib/services/account-notes/create-account-note";
import { listAccountNotes } from "@/lib/services/account-notes/list-account-notes";

export const GET = apiRoute({ params: OrgParams, query: ListQuery }, async ({ principal, params, query }) => {
  const position = decodeCursor<{ id: string }>(query.cursor, ["id"]);
  const page = await listAccountNotes(principal, params.org, { limit: query.limit, beforeId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});

export const POST = apiRoute({ params: OrgParams, body: z.unknown(), idempotent: true }, async ({ principal, params, body }) => {
  const note = await createAccountNote(principal, params.org, body as CreateAccountNoteInput);
  return created(note);
});
