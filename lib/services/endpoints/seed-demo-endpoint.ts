import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { ControlPlane } from "@/lib/control-plane";
import { endpoints, orgs, users } from "@/lib/db/schema";
import { principalForUser } from "@/lib/auth/load-principal";
import { createEndpoint } from "./create-endpoint";

// Demo data: Hinoki Motor serves one small Japanese model, so the endpoints page, playground,
// metrics and gateway have something running on a fresh start. Ordered through the same
// service as a customer's order, by the demo org's owner (audited as theirs), idempotent by
// name; if the fleet cannot take it, the console starts without it.

export const DEMO_ENDPOINT = {
  org: "hinoki-motor",
  orderedBy: "owner@hinoki-motor.example",
  input: { name: "ja-assistant", modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 2 },
} as const;

export async function seedDemoEndpoint(cp: ControlPlane, db: Db): Promise<void> {
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, DEMO_ENDPOINT.org)).limit(1);
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ENDPOINT.orderedBy)).limit(1);
  if (!org || !owner) return;
  const [existing] = await db.select({ id: endpoints.id }).from(endpoints).where(and(eq(endpoints.orgId, org.id), eq(endpoints.name, DEMO_ENDPOINT.input.name))).limit(1);
  if (existing) return;
  const principal = await principalForUser(db, owner.id, { requestId: "demo-seed", ip: null, userAgent: null, locale: "ja" });
  if (!principal) return;
  await createEndpoint(cp, principal, DEMO_ENDPOINT.org, { ...DEMO_ENDPOINT.input }).catch((error: unknown) => {
    console.warn(`[demo] the demo endpoint was not created: ${error instanceof Error ? error.message : String(error)}`);
  });
}
