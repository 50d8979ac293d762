import { getTranslations } from "next-intl/server";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { AuditQuery } from "@/lib/domain/audit";
import { auditFilterOf } from "@/lib/domain/audit-filter";
import { auditEventsPage, listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { readIfAllowed } from "@/lib/services/session/page-read";
import { orgPageAccess } from "@/lib/services/session/page-access";

// The first HTML already holds the first page of entries for the address's filters (the largest
// thing on the page, so its first paint), read the way the API reads them; the browser then pages
// and refilters through /api/v1. A role without audit.read gets no entries here and sees the
// API's refusal as before.
export default async function AuditPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ org }, search, t] = await Promise.all([params, searchParams, getTranslations("audit")]);
  const { principal } = await orgPageAccess(org);
  const filter = auditFilterOf((name) => {
    const value = search[name];
    return typeof value === "string" ? value : undefined;
  });
  // Filters the API would refuse (too long) are left to the browser's request, which says why.
  const readable = AuditQuery.safeParse(filter).success;
  const first = readable ? await readIfAllowed(listAuditEvents(principal, org, filter, { limit: 50 })) : undefined;
  const initial = first ? { filter, page: auditEventsPage(first) } : undefined;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {/* No Suspense boundary: one resolved after the shell is streamed hidden and shown by an
          inline script, so its entries would wait for that script instead of the first paint. */}
      <AuditLog initial={initial} />
    </>
  );
}
