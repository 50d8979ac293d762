import "server-only";
import { apiTokens } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { displayPrefix, hashSecret, newSecret } from "@/lib/auth/secrets";
import { API_TOKEN_PREFIX, CreateApiTokenInput, type CreatedApiToken } from "@/lib/domain/api-tokens";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { roleWithin } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toApiToken } from "./to-api-token";

/** The secret is returned here once and never again; only its hash is stored. */
export async function createApiToken(principal: Principal, slug: string, rawInput: CreateApiTokenInput, options: { outcome?: OutcomeRecorder<CreatedApiToken> } = {}): Promise<CreatedApiToken> {
  const input = CreateApiTokenInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "tokens.write");
  if (!access.role || !roleWithin(input.role, access.role)) throw new AppError("role_too_high", undefined, { field: "role" });
  const secret = newSecret(API_TOKEN_PREFIX);
  return db.transaction(async (tx) => {
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
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
      })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "api_token.create", targetType: "api_token", targetId: row.id, data: { name: input.name, role: input.role } });
    const created = { ...toApiToken(row), secret };
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
