import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { endpointAdapters, endpoints, loraAdapters } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { removeStoredFile } from "../batches/file-storage";
import { loadAdapter } from "./adapter-records";

// Deletes an adapter for good — row, then file — refused (409) while any endpoint serves it. The
// row is locked first, so an attach committing at the same moment waits and then finds no adapter.

export async function deleteAdapter(principal: Principal, slug: string, id: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fileId = await db.transaction(async (tx) => {
    const adapter = await loadAdapter(tx, orgId, id, { forUpdate: true });
    // Attachments of a deleted endpoint do not hold the adapter (its replicas are gone).
    const serving = await tx
      .select({ endpointId: endpointAdapters.endpointId })
      .from(endpointAdapters)
      .innerJoin(endpoints, and(eq(endpoints.id, endpointAdapters.endpointId), isNull(endpoints.deletedAt)))
      .where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.adapterId, adapter.id)));
    if (serving.length > 0) {
      throw new AppError("conflict", "detach the adapter from its endpoints first", { endpointIds: serving.map((s) => s.endpointId) });
    }
    await tx.delete(endpointAdapters).where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.adapterId, adapter.id)));
    await tx.delete(loraAdapters).where(and(eq(loraAdapters.orgId, orgId), eq(loraAdapters.id, adapter.id)));
    await recordAudit(tx, principal, orgId, { action: "adapter.delete", targetType: "adapter", targetId: adapter.id, data: { name: adapter.name, baseModelId: adapter.baseModelId, sha256: adapter.sha256 } });
    return adapter.weightsFileId;
  });
  // After the commit: a crash here leaves an orphan file, never a row without its file.
  if (fileId) await removeStoredFile(orgId, fileId);
}
