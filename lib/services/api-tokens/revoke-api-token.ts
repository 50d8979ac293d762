import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiTokens } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { isOrgRole, roleWithin } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";

/**
 * Revokes a token and every token made from it, through every generation. Revoking takes a role
 * at least the token's own (every permission of it), so a developer cannot switch off the
 * owner's automation.
 */
export async function revokeApiToken(principal: Principal, slug: string, tokenId: string): Promise<void> {
  const { db, orgId, access } = await orgContext(principal, slug, "tokens.write");
  await db.transaction(async (tx) => {
    // Locks the token first: a child being made from it right now holds a share lock on it, so
    // this waits until that child exists and the search below finds it.
    const [row] = await tx.select().from(apiTokens).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, tokenId))).for("update").limit(1);
    if (!row) throw new AppError("not_found", "token not found");
    if (!access.role || !isOrgRole(row.role) || !roleWithin(row.role, access.role)) throw new AppError("forbidden", "revoking this token takes a role at least the token's own", { role: row.role });
    const now = new Date();
    await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, row.id), isNull(apiTokens.revokedAt)));
    // Descendants, until a pass finds none: each pass waits for children being made under a
    // token it revokes, and the next pass (a fresh snapshot) sees them.
    const descendants: string[] = [];
    for (;;) {
      const revoked = await tx.execute<{ id: string }>(sql`
        with recursive tree(id) as (
          select id from api_tokens where parent_token_id = ${row.id} and org_id = ${orgId}
          union
          select t.id from api_tokens t join tree on t.parent_token_id = tree.id
        )
        update api_tokens set revoked_at = ${now.toISOString()}::timestamptz
        where id in (select id from tree) and revoked_at is null
        returning id`);
      const ids = rowsOf<{ id: string }>(revoked).map((r) => r.id);
      if (ids.length === 0) break;
      descendants.push(...ids);
    }
    await recordAudit(tx, principal, orgId, {
      action: "api_token.revoke",
      targetType: "api_token",
      targetId: row.id,
      data: { name: row.name, ...(descendants.length > 0 ? { alsoRevoked: descendants } : {}) },
    });
  });
  // The cache of resolved tokens is dropped whole, children included.
  forgetCachedPrincipals();
}

/** drizzle's execute answers { rows } on node-postgres and PGlite alike. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
