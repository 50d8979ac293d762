"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { FileCheck2, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useAttestations } from "@/lib/client/attestations/use-attestations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { AppraisalStatus } from "@/lib/domain/attestation";
import type { AttestableResource } from "@/lib/domain/attestation-api";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { AttestationStatusBadge, ValidityBadge } from "./attestation-status-badge";
import { facilityName } from "./facility-name";
import { RequestAttestationDialog } from "./request-attestation-dialog";

const STATUSES: AppraisalStatus[] = ["affirming", "warning", "contraindicated"];

/** The org's statements, newest first; filters live in the URL so a view can be shared. */
export function AttestationsList({ resources }: { resources: AttestableResource[] }) {
  const { slug } = useOrg();
  const canRequest = useCan("attestations.request");
  const t = useTranslations("attestations");
  const tl = useTranslations("attestations.list");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const search = useSearchParams();
  const filter = { resourceId: search.get("resourceId") ?? undefined, status: search.get("status") ?? undefined };
  const query = useAttestations(slug, filter);
  const [requestOpen, setRequestOpen] = useState(false);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filter.resourceId || filter.status);

  const setFilter = (key: "resourceId" | "status", value: string) => replaceAddressQuery({ [key]: value });

  // Resources to filter by: the running ones, plus any the current filter names.
  const resourceOptions = [...resources.map((r) => ({ id: r.id, name: r.name }))];
  if (filter.resourceId && !resourceOptions.some((r) => r.id === filter.resourceId)) resourceOptions.push({ id: filter.resourceId, name: filter.resourceId });

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap gap-3">
          <SelectField label={tl("filterStatus")} value={filter.status ?? ""} onChange={(e) => setFilter("status", e.target.value)} className="w-48">
            <option value="">{tl("allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={tl("filterResource")} value={filter.resourceId ?? ""} onChange={(e) => setFilter("resourceId", e.target.value)} className="w-64">
            <option value="">{tl("allResources")}</option>
            {resourceOptions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" asChild>
            <Link href={`/${slug}/attestations/verify`}>{t("howToVerify")}</Link>
          </Button>
          {canRequest ? (
            <Button onClick={() => setRequestOpen(true)}>
              <KeyRound className="size-4" aria-hidden />
              {t("request.button")}
            </Button>
          ) : null}
        </div>
      </div>

      {query.isLoading ? (
        <TableSkeleton />
      ) : query.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(query.error)}
        </p>
      ) : items.length === 0 ? (
        <EmptyState icon={<FileCheck2 className="size-8" />} title={filtered ? tl("emptyFiltered") : tl("emptyTitle")} description={filtered ? undefined : tl("emptyBody")} />
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>{tl("resource")}</Th>
                <Th>{tl("facility")}</Th>
                <Th>{tl("status")}</Th>
                <Th>{tl("issued")}</Th>
                <Th>{tl("expires")}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-testid="attestation-row" className="hover:bg-canvas">
                  <Td>
                    <Link href={`/${slug}/attestations/${a.id}`} className="font-medium text-brand-700 hover:underline">
                      {a.resourceName ?? a.resourceId}
                    </Link>
                    <div className="text-xs text-muted">
                      {t(`kind.${a.resourceKind}`)}
                      {a.nonce ? ` · ${tl("withNonce")}` : ""}
                    </div>
                  </Td>
                  <Td>
                    <div>{facilityName(a.facility.id, locale) ?? a.facility.id}</div>
                    <div className="text-xs text-muted">
                      {a.facility.prefecture}（{a.facility.iso3166_2}）
                    </div>
                  </Td>
                  <Td>
                    <AttestationStatusBadge status={a.status} />
                  </Td>
                  <Td title={formatDateTime(a.issuedAt, locale)}>
                    <div>{formatDateTime(a.issuedAt, locale)}</div>
                    <div className="text-xs text-muted">{formatRelative(a.issuedAt, locale)}</div>
                  </Td>
                  <Td>
                    <div>{formatDateTime(a.expiresAt, locale)}</div>
                    <ValidityBadge expiresAt={a.expiresAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex items-center justify-between px-4 py-3 text-sm text-muted">
            <span>{tl("count", { count: items.length })}</span>
            {query.hasNextPage ? (
              <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {tl("loadMore")}
              </Button>
            ) : null}
          </div>
        </Card>
      )}
      {canRequest ? <RequestAttestationDialog slug={slug} resources={resources} open={requestOpen} onOpenChange={setRequestOpen} /> : null}
    </>
  );
}
