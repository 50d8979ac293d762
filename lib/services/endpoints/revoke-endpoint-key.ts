import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { endpointKeys } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { invalidateKey } from "./gateway-cache";
import { loadEndpoint } from "./records";

/** Revokes a key; the gateway refuses it from the next request on (its cache entry is dropped). */
export async function revokeEndpointKey(principal: Principal, slug: string, endpointId: string, keyId: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.keys");
  const hash = await db.transaction(async (tx) => {
    await loadEndpoint(tx, orgId, endpointId, { includeDeleted: true });
    const [row] = await tx
      .select()
      .from(endpointKeys)
      .where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId), eq(endpointKeys.id, keyId)))
      .limit(1);
    if (!row) throw notFound("key");
    await tx.update(endpointKeys).set({ revokedAt: new Date() }).where(and(eq(endpointKeys.id, row.id), isNull(endpointKeys.revokedAt)));
    await recordAudit(tx, principal, orgId, { action: "endpoint_key.revoke", targetType: "endpoint_key", targetId: row.id, data: { endpointId, name: row.name, prefix: row.prefix } });
    return row.secretHash;
  });
  invalidateKey(hash);
}
