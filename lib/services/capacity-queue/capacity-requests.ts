import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { capacityRequests } from "@/lib/db/schema";
import { notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateCapacityRequestInput, type CapacityRequest } from "@/lib/domain/reservations/capacity-queue";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { fleetNow } from "../reservations/reservation-terms";
import { toCapacityRequests } from "./capacity-request-view";

// 「空き待ち」 requests of an org: "notify me" for a shape and zone (created, listed with their
// position and estimate, cancelled). Who may launch may ask to be told.

export async function createCapacityRequest(cp: ControlPlane, principal: Principal, slug: string, rawInput: CreateCapacityRequestInput): Promise<CapacityRequest> {
  const input = CreateCapacityRequestInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "clusters.write");
  const id = newId("capacityRequest");
  await db.transaction(async (tx) => {
    await tx.insert(capacityRequests).values({ id, orgId, kind: input.kind, shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, deadline: input.deadline ? new Date(input.deadline) : null, createdBy: principal.userId ?? null });
    await recordAudit(tx, principal, orgId, { action: "capacity_request.create", targetType: "capacity_request", targetId: id, data: { kind: input.kind, shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, deadline: input.deadline } });
  });
  return getCapacityRequest(cp, principal, slug, id);
}

export async function listCapacityRequests(cp: ControlPlane, principal: Principal, slug: string): Promise<CapacityRequest[]> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  const rows = await db.select().from(capacityRequests).where(eq(capacityRequests.orgId, orgId)).orderBy(desc(capacityRequests.id)).limit(200);
  return toCapacityRequests(db, cp, rows, await fleetNow(cp));
}

export async function getCapacityRequest(cp: ControlPlane, principal: Principal, slug: string, id: string): Promise<CapacityRequest> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  const [row] = await db.select().from(capacityRequests).where(and(eq(capacityRequests.orgId, orgId), eq(capacityRequests.id, id)));
  if (!row) throw notFound("capacity request");
  const [view] = await toCapacityRequests(db, cp, [row], await fleetNow(cp));
  return view;
}

/** Leaves the line; a request no longer waiting is returned as it is. */
export async function cancelCapacityRequest(cp: ControlPlane, principal: Principal, slug: string, id: string): Promise<CapacityRequest> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(capacityRequests).where(and(eq(capacityRequests.orgId, orgId), eq(capacityRequests.id, id))).for("update");
    if (!row) throw notFound("capacity request");
    if (row.state !== "waiting") return;
    await tx.update(capacityRequests).set({ state: "cancelled", cancelledAt: new Date() }).where(eq(capacityRequests.id, id));
    await recordAudit(tx, principal, orgId, { action: "capacity_request.cancel", targetType: "capacity_request", targetId: id });
  });
  return getCapacityRequest(cp, principal, slug, id);
}
