import "server-only";
import { and, eq } from "drizzle-orm";
import { apiTokens } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { displayPrefix, hashSecret, newSecret } from "@/lib/auth/secrets";
import { API_TOKEN_PREFIX, CreateApiTokenInput, type CreatedApiToken } from "@/lib/domain/api-tokens";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { isOrgRole, roleWithin } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toApiToken } from "./to-api-token";

/**
 * The secret is returned here once and never again; only its hash is stored. A token made by a
 * token records its parent, and never outranks or outlives it (revoking the parent revokes it:
 * revoke-api-token.ts).
 */
export async function createApiToken(principal: Principal, slug: string, rawInput: CreateApiTokenInput, options: { outcome?: OutcomeRecorder<CreatedApiToken> } = {}): Promise<CreatedApiToken> {
  const input = CreateApiTokenInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "tokens.write");
  if (!access.role || !roleWithin(input.role, access.role)) throw new AppError("role_too_high", undefined, { field: "role" });
  const secret = newSecret(API_TOKEN_PREFIX);
  const now = new Date();
  let expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400_000) : null;
  const parentTokenId = principal.kind === "api_token" ? (principal.tokenId ?? null) : null;
  return db.transaction(async (tx) => {
    if (parentTokenId) {
      // A share lock on the parent: a concurrent revocation waits for this child to exist (and
      // then revokes it), or this sees the parent already revoked.
      const [parent] = await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, parentTokenId)))
        .for("share");
      if (!parent || parent.revokedAt || (parent.expiresAt && parent.expiresAt <= now)) throw new AppError("unauthenticated", "invalid or expired token");
      if (!isOrgRole(parent.role) || !roleWithin(input.role, parent.role)) throw new AppError("role_too_high", undefined, { field: "role" });
      if (parent.expiresAt && (!expiresAt || expiresAt > parent.expiresAt)) expiresAt = parent.expiresAt;
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        id: newId("apiToken"),
        orgId,
        createdBy: principal.userId,
        name: input.name,
        role: input.role,
        prefix: displayPrefix(secret),
        secretHash: hashSecret(secret),
        expiresAt,
        parentTokenId,
      })
      .returning();
    await recordAudit(tx, principal, orgId, {
      action: "api_token.create",
      targetType: "api_token",
      targetId: row.id,
      data: { name: input.name, role: input.role, ...(parentTokenId ? { parentTokenId } : {}) },
    });
    const created = { ...toApiToken(row), secret };
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
