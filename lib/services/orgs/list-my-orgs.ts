import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { inArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Org } from "@/lib/domain/orgs";
import { toOrg } from "./to-org";

/** The orgs the caller is a member of (staff see theirs in the staff area, not here). */
export async function listMyOrgs(principal: Principal): Promise<Page<Org>> {
  const ids = principal.memberships.map((m) => m.orgId);
  if (ids.length === 0) return wholePage([]);
  const db = await getDb();
  const rows = await db.select().from(orgs).where(inArray(orgs.id, ids)).orderBy(orgs.slug);
  return wholePage(rows.map(toOrg));
}
