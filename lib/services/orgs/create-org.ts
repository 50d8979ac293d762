import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { memberships, orgs } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateOrgInput, type Org } from "@/lib/domain/orgs";
import { recordAudit } from "../audit/record";
import { toOrg } from "./to-org";

/** Any signed-in person may create an organization; they become its owner. */
export async function createOrg(principal: Principal, rawInput: CreateOrgInput, options: { outcome?: OutcomeRecorder<Org> } = {}): Promise<Org> {
  if (principal.kind !== "user") throw new AppError("forbidden", "organizations are created by people, not tokens");
  const input = CreateOrgInput.parse(rawInput);
  const db = await getDb();
  const org = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, input.slug)).limit(1);
    if (taken) throw new AppError("already_exists", "slug taken", { field: "slug" });
    const [row] = await tx
      .insert(orgs)
      .values({ id: newId("org"), ...input, corporateNumber: input.corporateNumber ?? null, billingAddress: input.billingAddress ?? null })
      .returning();
    await tx.insert(memberships).values({ id: newId("membership"), orgId: row.id, userId: principal.userId, role: "owner" });
    await recordAudit(tx, principal, row.id, { action: "org.create", targetType: "org", targetId: row.id, data: { slug: row.slug } });
    const created = toOrg(row);
    await options.outcome?.recordIn(tx, created);
    return created;
  });
  // The creator's cached principal does not know the new membership yet.
  forgetCachedPrincipals();
  return org;
}
