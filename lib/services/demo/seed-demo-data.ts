import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { eq } from "drizzle-orm";
import { STARTUP_LOCK, type Db, type DbHandle } from "@/lib/db/client";
import { appSettings, memberships, orgs, staffAssignments, users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { hashPassword } from "@/lib/auth/password";
import { newId } from "@/lib/domain/ids";
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from "./demo-accounts";

// Seeds the demo organizations and people once (marked in app_settings), so a restart keeps
// whatever the demo user changed. Later capabilities add their own demo data through
// `registerDemoSeeder`, each idempotent on its own. The whole seed runs under the fleet's
// start-up lock: instances started together on one PostgreSQL take turns, and each one after
// the first finds the marker and every seeder's data already there.

const SEED_KEY = "demo.seeded";
type Seeder = (db: Db) => Promise<void>;
const seeders = () => processSingleton("demoSeeders", () => new Map<string, Seeder>());

export function registerDemoSeeder(name: string, seeder: Seeder): void {
  seeders().set(name, seeder);
}

export async function seedDemoData(handle: Pick<DbHandle, "db" | "exclusively">): Promise<{ seededNow: boolean }> {
  return handle.exclusively(STARTUP_LOCK, () => seedOnce(handle.db));
}

async function seedOnce(db: Db): Promise<{ seededNow: boolean }> {
  const [marker] = await db.select().from(appSettings).where(eq(appSettings.key, SEED_KEY)).limit(1);
  let seededNow = false;
  if (!marker) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.transaction(async (tx) => {
      const orgIds = new Map<string, string>();
      for (const org of DEMO_ORGS) {
        const id = newId("org");
        orgIds.set(org.slug, id);
        await tx.insert(orgs).values({ id, ...org, billingAddress: { ...org.billingAddress } });
        await insertAuditEvent(tx, { orgId: id, actorType: "system", actorId: null, actorName: "Hinoki", action: "org.create", targetType: "org", targetId: id, data: { slug: org.slug, demo: true } });
      }
      for (const person of DEMO_USERS) {
        const userId = newId("user");
        // The operator vouches for the demo addresses (they are printed at start).
        await tx.insert(users).values({ id: userId, email: person.email, name: person.name, passwordHash, staffRole: person.staffRole, emailVerifiedAt: new Date() });
        if (person.org && person.role) {
          await tx.insert(memberships).values({ id: newId("membership"), orgId: orgIds.get(person.org)!, userId, role: person.role });
        }
        if (person.staffRole === "account_manager") {
          await tx.insert(staffAssignments).values({ orgId: orgIds.get("hinoki-motor")!, staffUserId: userId, assignedBy: null });
        }
      }
      await tx.insert(appSettings).values({ key: SEED_KEY, value: { at: new Date().toISOString() } });
    });
    seededNow = true;
  }
  for (const [name, seeder] of seeders()) {
    try {
      await seeder(db);
    } catch (error) {
      console.error(`demo seeder ${name} failed`, error);
    }
  }
  return { seededNow };
}
