import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { getControlPlane } from "@/lib/control-plane";
import { attestations } from "@/lib/db/schema";
import { toAttestation } from "@/lib/attestation/attestation-record";
import type { Principal } from "@/lib/auth/principal";
import { AttestationListFilter, type AttestationListItem } from "@/lib/domain/attestation-api";
import { orgContext } from "../access/org-context";
import { resourceNames } from "./org-resources";

export interface AttestationPage {
  items: AttestationListItem[];
  /** The id of the last item when there are more; the API layer turns it into a cursor. */
  nextAfterId: string | null;
}

/** Newest first, keyset-paginated on the (time-sortable) id; filter by resource or status. */
export async function listAttestations(
  principal: Principal,
  slug: string,
  rawFilter: AttestationListFilter,
  page: { limit: number; beforeId?: string },
): Promise<AttestationPage> {
  const filter = AttestationListFilter.parse(rawFilter);
  const { db, orgId } = await orgContext(principal, slug, "attestations.read");
  const conditions: SQL[] = [eq(attestations.orgId, orgId)];
  if (filter.resourceId) conditions.push(eq(attestations.resourceId, filter.resourceId));
  if (filter.status) conditions.push(eq(attestations.status, filter.status));
  if (page.beforeId) conditions.push(lt(attestations.id, page.beforeId));
  const rows = await db
    .select()
    .from(attestations)
    .where(and(...conditions))
    .orderBy(desc(attestations.id))
    .limit(page.limit + 1);
  const names = rows.length > 0 ? await resourceNames(await getControlPlane(), orgId) : new Map<string, string>();
  const items = rows.slice(0, page.limit).map((row): AttestationListItem => {
    const { jws: _jws, ...rest } = toAttestation(row);
    return { ...rest, resourceName: names.get(row.resourceId) ?? null };
  });
  return { items, nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null };
}
