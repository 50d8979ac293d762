import "server-only";
import { eq } from "drizzle-orm";
import { endpointKeys } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { UpdateEndpointKeyInput } from "@/lib/domain/endpoint-key-usage";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toEndpointKey } from "./endpoint-keys";
import { invalidateKey } from "./gateway-cache";
import { forgetMonthTokens } from "./key-budget";
import { loadEndpointKey, monthToDateByKey } from "./key-usage-records";
import { ZERO_USAGE } from "@/lib/domain/endpoint-key-usage";
import { loadEndpoint } from "./records";

/** Sets or removes a key's monthly token budget; this instance's gateway applies it from the next request. */
export async function updateEndpointKey(principal: Principal, slug: string, endpointId: string, keyId: string, raw: UpdateEndpointKeyInput): Promise<EndpointKey> {
  const input = UpdateEndpointKeyInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.keys");
  const row = await db.transaction(async (tx) => {
    await loadEndpoint(tx, orgId, endpointId);
    const key = await loadEndpointKey(tx, orgId, endpointId, keyId);
    if (key.revokedAt) throw new AppError("conflict", "This key is revoked; a revoked key has no budget to change.", { keyId });
    const [updated] = await tx.update(endpointKeys).set({ monthlyTokenBudget: input.monthlyTokenBudget }).where(eq(endpointKeys.id, key.id)).returning();
    await recordAudit(tx, principal, orgId, {
      action: "endpoint_key.update",
      targetType: "endpoint_key",
      targetId: key.id,
      data: { endpointId, name: key.name, monthlyTokenBudget: { from: key.monthlyTokenBudget, to: input.monthlyTokenBudget } },
    });
    return updated;
  });
  // Other instances pick the new budget up when their cache entry lapses (KEY_TTL_MS).
  invalidateKey(row.secretHash);
  forgetMonthTokens(row.id);
  const usage = await monthToDateByKey(db, orgId, endpointId, [row.id]);
  return toEndpointKey(row, usage.get(row.id) ?? ZERO_USAGE);
}
