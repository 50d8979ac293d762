import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { FleetOptions } from "./config";
import { expandFleet, fleetSignature, gpusOf } from "./fleet";
import { cpGpus, cpHosts, cpMeta } from "./schema";

// Seeds the fleet on first open. Idempotent: the fleet's signature is recorded, and rows are
// inserted with ON CONFLICT DO NOTHING, so reopening (or two processes opening at once) never
// duplicates a machine or disturbs what is allocated on it. Machines dropped from the fleet
// definition are left in place (they may hold customer nodes).

const BATCH = 1000;

export async function seedFleet(db: Db, fleet: FleetOptions): Promise<{ seeded: boolean; hosts: number }> {
  const signature = fleetSignature(fleet);
  const [current] = await db.select().from(cpMeta).where(eq(cpMeta.key, "fleet"));
  const hosts = expandFleet(fleet);
  if ((current?.value as { signature?: string } | undefined)?.signature === signature) return { seeded: false, hosts: hosts.length };

  await db.transaction(async (tx) => {
    for (let i = 0; i < hosts.length; i += BATCH) {
      await tx.insert(cpHosts).values(hosts.slice(i, i + BATCH)).onConflictDoNothing();
    }
    const gpus = hosts.flatMap(gpusOf);
    for (let i = 0; i < gpus.length; i += BATCH) {
      await tx.insert(cpGpus).values(gpus.slice(i, i + BATCH)).onConflictDoNothing();
    }
    const value = { signature, hosts: hosts.length, gpus: gpus.length };
    await tx.insert(cpMeta).values({ key: "fleet", value }).onConflictDoUpdate({ target: cpMeta.key, set: { value } });
  });
  return { seeded: true, hosts: hosts.length };
}
