import "server-only";
import { eq } from "drizzle-orm";
import { orgs } from "@/lib/db/schema";
import { forgetOrg } from "@/lib/auth/org-access";
import type { Principal } from "@/lib/auth/principal";
import { UpdateOrgInput, type Org } from "@/lib/domain/orgs";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toOrg } from "./to-org";

export async function updateOrg(principal: Principal, slug: string, rawInput: UpdateOrgInput): Promise<Org> {
  const input = UpdateOrgInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "org.write");
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx.update(orgs).set(input).where(eq(orgs.id, orgId)).returning();
    await recordAudit(tx, principal, orgId, { action: "org.update", targetType: "org", targetId: orgId, data: { fields: Object.keys(input) } });
    return toOrg(row);
  });
  forgetOrg(slug);
  return updated;
}
