import "server-only";
import { endpointKeys } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { displayPrefix, hashSecret, newSecret } from "@/lib/auth/secrets";
import { CreateEndpointKeyInput, ENDPOINT_KEY_PREFIX, type CreatedEndpointKey } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toEndpointKey } from "./endpoint-keys";
import { loadEndpoint } from "./records";

/** A key for one endpoint. The secret is in this answer only; the console keeps its SHA-256. */
export async function createEndpointKey(principal: Principal, slug: string, endpointId: string, raw: CreateEndpointKeyInput, options: { outcome?: OutcomeRecorder<CreatedEndpointKey> } = {}): Promise<CreatedEndpointKey> {
  const input = CreateEndpointKeyInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.keys");
  const secret = newSecret(ENDPOINT_KEY_PREFIX);
  return db.transaction(async (tx) => {
    const endpoint = await loadEndpoint(tx, orgId, endpointId);
    if (endpoint.status === "deleting") throw new AppError("conflict", "the endpoint is being deleted", { status: endpoint.status });
    const [row] = await tx
      .insert(endpointKeys)
      .values({ id: newId("endpointKey"), orgId, endpointId, name: input.name, prefix: displayPrefix(secret, 12), secretHash: hashSecret(secret), createdBy: principal.userId })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "endpoint_key.create", targetType: "endpoint_key", targetId: row.id, data: { endpointId, name: input.name, prefix: row.prefix } });
    const created = { ...toEndpointKey(row), secret };
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
