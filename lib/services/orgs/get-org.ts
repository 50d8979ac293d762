import "server-only";
import { eq } from "drizzle-orm";
import { orgs } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Org } from "@/lib/domain/orgs";
import { orgContext } from "../access/org-context";
import { toOrg } from "./to-org";

export async function getOrg(principal: Principal, slug: string): Promise<Org> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const [row] = await db.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
  return toOrg(row);
}
