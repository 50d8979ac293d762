import "server-only";
import { forgetTokenPrincipals } from "@/lib/auth/token-principal-cache";
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";

export async function revokeApiToken(principal: Principal, slug: string, tokenId: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "tokens.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, tokenId))).limit(1);
    if (!row) throw new AppError("not_found", "token not found");
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, row.id), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, principal, orgId, { action: "api_token.revoke", targetType: "api_token", targetId: row.id, data: { name: row.name } });
  });
  forgetTokenPrincipals();
}
