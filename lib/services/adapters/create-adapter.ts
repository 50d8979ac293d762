import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { loraAdapters } from "@/lib/db/schema";
import { CreateAdapterInput, type Adapter } from "@/lib/domain/adapters/adapters-api";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toAdapter } from "./adapter-records";

// Registers an adapter (name unique in the org, a catalog base model, a rank). Its weights come
// next, as one upload to …/adapters/{id}/weights; until then it is `awaiting_weights`.

export async function createAdapter(principal: Principal, slug: string, raw: CreateAdapterInput, now: Date = new Date()): Promise<Adapter> {
  const input = CreateAdapterInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const row = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: loraAdapters.id }).from(loraAdapters).where(and(eq(loraAdapters.orgId, orgId), eq(loraAdapters.name, input.name)));
    if (taken) throw new AppError("already_exists", `an adapter named ${input.name} already exists`, { field: "name" });
    const [created] = await tx
      .insert(loraAdapters)
      .values({ id: newId("loraAdapter", now.getTime()), orgId, name: input.name, baseModelId: input.baseModelId, rank: input.rank, description: input.description ?? null, status: "awaiting_weights", createdBy: principal.userId, createdAt: now })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "adapter.create", targetType: "adapter", targetId: created.id, data: { name: input.name, baseModelId: input.baseModelId, rank: input.rank } });
    return created;
  });
  return toAdapter(row, []);
}
