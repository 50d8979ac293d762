"use client";
import { useLocale, useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Download, ScrollText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { useOrg } from "@/components/shell/org-context";
import { useAuditEvents, type AuditEventsPage } from "@/lib/client/audit/use-audit-events";
import { auditFilterOf, type AuditFilter } from "@/lib/domain/audit-filter";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { auditActionKey, collapseRepeatedViews, targetName, viewedAs, viewedKey, viewedWhat } from "@/lib/domain/audit-display";

/** `initial`: the first page of entries the server page read for the address's filters. */
export function AuditLog({ initial }: { initial?: { filter: AuditFilter; page: AuditEventsPage } }) {
  const { slug } = useOrg();
  const t = useTranslations("audit");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [form, setForm] = useState({ actor: search.get("actor") ?? "", action: search.get("action") ?? "", from: search.get("from") ?? "", to: search.get("to") ?? "" });
  const filter = auditFilterOf((name) => search.get(name));
  const events = useAuditEvents(slug, filter, initial);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = collapseRepeatedViews(items);
  // Action codes in words; a code the catalog does not know yet is shown as it is, never hidden.
  const actionName = (code: string) => (t.has(`actions.${auditActionKey(code)}`) ? t(`actions.${auditActionKey(code)}`) : code);
  // What a staff member opened, in words; a view the catalog does not name is shown as recorded.
  const viewedName = (what: string) => (t.has(`viewedAreas.${viewedKey(what)}`) ? t(`viewedAreas.${viewedKey(what)}`) : what);
  // The export is the server's: every entry these filters match, not only the pages loaded here.
  const exportHref = (format: "csv" | "json") => {
    const params = new URLSearchParams({ format, lang: locale });
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    return `/api/v1/orgs/${encodeURIComponent(slug)}/audit-events/export?${params}`;
  };

  // Filters live in the URL, so a filtered view can be shared.
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v) params.set(k, v);
    router.replace(`${pathname}${params.size ? `?${params}` : ""}`);
  };
  const clear = () => {
    setForm({ actor: "", action: "", from: "", to: "" });
    router.replace(pathname);
  };

  return (
    <div className="space-y-4">
      <form onSubmit={apply} className="grid items-end gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-5" role="search">
        <TextField label={t("filterActor")} placeholder={t("filterActorPlaceholder")} value={form.actor} onChange={(e) => setForm({ ...form, actor: e.target.value })} />
        <TextField label={t("filterAction")} placeholder={t("filterActionPlaceholder")} value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })} />
        <TextField label={t("filterFrom")} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <TextField label={t("filterTo")} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <div className="flex gap-2">
          <Button type="submit">{t("apply")}</Button>
          <Button variant="ghost" onClick={clear}>
            {tc("clearFilters")}
          </Button>
        </div>
      </form>
      {events.isLoading ? (
        <Card className="space-y-2 p-4">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-7 w-full" />
          ))}
        </Card>
      ) : events.error ? (
        <p role="alert" className="text-sm text-red-800">{errorMessage(events.error)}</p>
      ) : items.length === 0 ? (
        <EmptyState icon={<ScrollText className="size-8" />} title={t("empty")} description={t("emptyBody")} />
      ) : (
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-2 print:hidden">
            <p className="text-xs text-muted">{t("exportNote")}</p>
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" asChild>
                <a href={exportHref("csv")} download data-testid="audit-export-csv">
                  <Download className="size-4" aria-hidden />
                  {t("exportCsv")}
                </a>
              </Button>
              <Button size="sm" variant="secondary" asChild>
                <a href={exportHref("json")} download data-testid="audit-export-json">
                  <Download className="size-4" aria-hidden />
                  {t("exportJson")}
                </a>
              </Button>
            </div>
          </div>
          <Table>
            <thead>
              <tr>
                <Th>{t("when")}</Th>
                <Th>{t("actor")}</Th>
                <Th>{t("action")}</Th>
                <Th>{t("target")}</Th>
                <Th>{t("from")}</Th>
                <Th>{tc("requestId")}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ event: e, repeated, firstAt }) => (
                <tr key={e.id} data-testid="audit-row">
                  <Td className="whitespace-nowrap" title={formatRelative(e.createdAt, locale)}>
                    <span className="tabular">{formatDateTime(e.createdAt, locale)}</span>
                  </Td>
                  <Td className="whitespace-nowrap" title={e.actor.id ?? undefined}>
                    <Badge tone={e.actor.type === "staff" ? "warning" : e.actor.type === "system" ? "neutral" : "info"}>{t(`actorTypes.${e.actor.type}`)}</Badge>
                    <span className="ml-2">{e.actor.name ?? "—"}</span>
                  </Td>
                  <Td title={e.action} data-testid="audit-action">
                    {actionName(e.action)}
                    {/* The code too: it is what the filter above and the API take. */}
                    <span className="block font-mono text-[11px] text-muted">{e.action}</span>
                    {viewedWhat(e) ? <span className="block text-xs text-muted" data-testid="audit-viewed">{t("viewed", { what: viewedName(viewedWhat(e)!) })}</span> : null}
                    {viewedAs(e) ? <span className="block text-xs text-muted">{t("viewedAs", { role: tc(`staffRoles.${viewedAs(e)}` as "staffRoles.account_manager") })}</span> : null}
                    {repeated > 1 ? <span className="block text-xs text-muted">{t("repeated", { count: repeated, from: formatDateTime(firstAt, locale) })}</span> : null}
                  </Td>
                  <Td className="max-w-64 break-all text-xs" title={e.target.id ?? undefined}>
                    {targetName(e) ?? "—"}
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-muted">{e.ip ?? "—"}</Td>
                  <Td className="whitespace-nowrap font-mono text-xs text-muted">{e.requestId ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMoreFooter pages={events} />
        </Card>
      )}
    </div>
  );
}
