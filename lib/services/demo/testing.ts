import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { memberships, orgs, users } from "@/lib/db/schema";
import { DEMO_ORGS, DEMO_USERS } from "./demo-accounts";

// What the demo seed tests count: each demo organization, person and membership once.

export async function counts(handle: DbHandle) {
  const [o] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  const [u] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [m] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(memberships);
  return { orgs: o.n, users: u.n, memberships: m.n };
}

export const expected = { orgs: DEMO_ORGS.length, users: DEMO_USERS.length, memberships: DEMO_USERS.filter((u) => u.org && u.role).length };
