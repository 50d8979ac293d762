import "server-only";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { loraAdapters } from "@/lib/db/schema";
import { ADAPTER_MAX_BYTES, type Adapter } from "@/lib/domain/adapters/adapters-api";
import { checkLoraTensors } from "@/lib/domain/adapters/lora-shapes";
import { SafetensorsFormatError } from "@/lib/domain/adapters/safetensors";
import { modelArchitecture } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { removeStoredFile, storeFile } from "../batches/file-storage";
import { attachmentsOf, loadAdapter, toAdapter } from "./adapter-records";
import { readSafetensorsHeader } from "./read-safetensors-header";
import { positiveSetting } from "@/lib/server/env-settings";

// The adapter's weights: one safetensors file, streamed to the data directory through the one
// file storage (size limit, SHA-256), then its header read and every tensor checked against the
// base model's shapes. A refused file is removed; the adapter stays `awaiting_weights`. Weights
// are set once: a different file is a different adapter (its checksum is what was audited).

export const adapterMaxBytes = () => positiveSetting("HINOKI_ADAPTER_MAX_BYTES", ADAPTER_MAX_BYTES);

export async function uploadAdapterWeights(principal: Principal, slug: string, adapterId: string, input: { content: Readable; declaredBytes: number | null }, now: Date = new Date()): Promise<Adapter> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const adapter = await loadAdapter(db, orgId, adapterId);
  const maxBytes = adapterMaxBytes();
  if (input.declaredBytes !== null && input.declaredBytes > maxBytes) throw new AppError("payload_too_large", `adapter weights may be at most ${maxBytes} bytes`, { limitBytes: maxBytes });

  // Each upload writes its own file: two at once cannot overwrite each other, the first to commit wins.
  const fileId = `${adapter.id}_${randomBytes(6).toString("hex")}`;
  const stored = await storeFile(orgId, fileId, input.content, maxBytes);
  try {
    if (adapter.status !== "awaiting_weights") {
      // A client retrying an upload that succeeded (its answer lost) gets the same answer again.
      if (adapter.sha256 === stored.sha256) {
        await removeStoredFile(orgId, fileId);
        return toAdapter(adapter, (await attachmentsOf(db, orgId, [adapter.id])).get(adapter.id) ?? []);
      }
      throw new AppError("conflict", "this adapter already has its weights; register a new adapter for new weights");
    }
    const { tensors } = await readSafetensorsHeader(orgId, fileId, stored.bytes).catch((error: unknown) => {
      if (error instanceof SafetensorsFormatError) throw new AppError("adapter_weights_invalid", `not a safetensors file: ${error.reason}`, { reason: error.reason });
      throw error;
    });
    const arch = modelArchitecture(adapter.baseModelId);
    if (!arch) throw new AppError("business_rule", `no architecture is known for ${adapter.baseModelId}`);
    const check = checkLoraTensors(tensors, arch, adapter.rank);
    if (!check.ok) throw new AppError("adapter_shape_mismatch", `tensor ${check.mismatch.tensor} does not fit ${adapter.baseModelId} at rank ${adapter.rank}`, { baseModelId: adapter.baseModelId, rank: adapter.rank, ...check.mismatch });

    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(loraAdapters)
        .set({ status: "ready", weightsFileId: fileId, bytes: stored.bytes, sha256: stored.sha256, tensorCount: tensors.length, layerCount: check.layers, targetModules: check.targetModules, weightsUploadedAt: now })
        .where(and(eq(loraAdapters.orgId, orgId), eq(loraAdapters.id, adapter.id), eq(loraAdapters.status, "awaiting_weights")))
        .returning();
      if (!updated) throw new AppError("conflict", "another upload of this adapter's weights finished first");
      await recordAudit(tx, principal, orgId, {
        action: "adapter.weights_upload",
        targetType: "adapter",
        targetId: adapter.id,
        data: { name: adapter.name, bytes: stored.bytes, sha256: stored.sha256, tensorCount: tensors.length, targetModules: check.targetModules },
      });
      return updated;
    });
    return toAdapter(row, []);
  } catch (error) {
    // No committed row names this file: remove it, so refused bytes never stay on disk.
    await removeStoredFile(orgId, fileId);
    throw error;
  }
}
