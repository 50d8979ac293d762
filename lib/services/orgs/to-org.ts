import type { orgs } from "@/lib/db/schema";
import type { Org } from "@/lib/domain/orgs";

export function toOrg(row: typeof orgs.$inferSelect): Org {
  return {
    id: row.id,
    slug: row.slug,
    legalNameJa: row.legalNameJa,
    legalNameEn: row.legalNameEn,
    corporateNumber: row.corporateNumber,
    billingAddress: row.billingAddress ?? null,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    createdAt: row.createdAt.toISOString(),
  };
}
