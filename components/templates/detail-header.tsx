"use client";
import type { ReactNode } from "react";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";
import { CopyValue } from "./copy-value";

/**
 * The one header of every detail page (clusters, endpoints, statements, invoices — and the pages
 * that come next). Usage:
 *
 *   <DetailHeader
 *     trail={[{ label: t("title"), href: `/${slug}/clusters` }]}   // the org is added first
 *     title={cluster.name}
 *     status={<ClusterStatusBadge status={cluster.status} />}
 *     facts={[{ label: "ID", value: cluster.id, copy: true }, { label: t("zone"), value: cluster.zoneId }]}
 *     chips={<ResidencyChip resourceId={cluster.id} zoneId={cluster.zoneId} />}
 *     actions={<Button>…</Button>}
 *   />
 *
 * Breadcrumbs, then the name with its status, then one line of facts (copyable ids), then the
 * residency chip; actions on the right, wrapping below on a narrow window.
 */
export interface DetailFact {
  label: string;
  value: string;
  copy?: boolean;
}

export function DetailHeader({ trail, title, status, facts = [], chips, actions }: { trail: Crumb[]; title: string; status?: ReactNode; facts?: DetailFact[]; chips?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="mb-6 min-w-0" data-testid="detail-header">
      <Breadcrumbs trail={[...trail, { label: title }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <h1 className="flex flex-wrap items-center gap-3 break-all text-xl font-bold tracking-tight text-ink">
            {title}
            {status}
          </h1>
          {facts.length > 0 ? (
            <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-muted">
              {facts.map((f) => (
                <div key={f.label} className="flex min-w-0 items-center gap-1">
                  <dt>{f.label}:</dt>
                  <dd className="min-w-0">{f.copy ? <CopyValue value={f.value} label={f.label} /> : <span className="font-mono text-ink">{f.value}</span>}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {chips ? <div className="flex flex-wrap items-center gap-2">{chips}</div> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2 print:hidden">{actions}</div> : null}
      </div>
    </header>
  );
}
