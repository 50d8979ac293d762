"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Download, FileText, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useAttestation } from "@/lib/client/attestations/use-attestations";
import { attestationsBase } from "@/lib/client/attestations/keys";
import { claimsOfJws } from "@/lib/client/attestations/decode-jws";
import type { AttestationDetail as Detail } from "@/lib/domain/attestation-api";
import { formatDateTime } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { Breadcrumbs } from "@/components/templates/breadcrumbs";
import { VerdictBanner } from "@/components/residency/verdict-banner";
import { residencyVerdict } from "@/lib/domain/residency-verdict";
import { AttestationStatusBadge, ValidityBadge } from "./attestation-status-badge";
import { facilityName, regionName } from "./facility-name";
import { RequestAttestationDialog } from "./request-attestation-dialog";
import { VerificationPanel } from "./verification-panel";

const PLANES = ["etcd", "volumes", "backups", "logs"] as const;

function Fact({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4" data-testid={testId}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="min-w-0 break-words text-sm text-ink">{children}</dd>
    </div>
  );
}

/** A statement in plain words: where, on what, by whom — and its signature checked in the browser. */
export function AttestationDetail({ initial }: { initial: Detail }) {
  const { slug } = useOrg();
  const canRequest = useCan("attestations.request");
  const t = useTranslations("attestations");
  const td = useTranslations("attestations.detail");
  const locale = useLocale() as Locale;
  const { data } = useAttestation(slug, initial.id, initial);
  const [requestOpen, setRequestOpen] = useState(false);
  const a = data ?? initial;
  // Show what the signature covers: the claims decoded from the JWS itself.
  const c = claimsOfJws(a.jws) ?? a.claims;
  const r = c.residency;
  const gpus = c.hardware.nodes.flatMap((n) => n.gpus);
  const passed = gpus.filter((g) => g.nras_result === "pass").length;
  const ccOn = gpus.filter((g) => g.cc_mode === "on").length;
  const name = a.resourceName ?? a.resourceId;
  const base = `${attestationsBase(slug)}/${encodeURIComponent(a.id)}`;
  const facilityText = (id: string) => {
    const n = facilityName(id, locale);
    return n ? `${n}（${id}）` : `${id}（${td("unknownFacility")}）`;
  };

  return (
    <>
      <Breadcrumbs trail={[{ label: t("title"), href: `/${slug}/attestations` }, { label: name }]} />
      <PageHeader
        title={td("titleFor", { name })}
        description={`${t(`kind.${a.resourceKind}`)} · ${a.resourceId}`}
        actions={
          <>
            <AttestationStatusBadge status={residencyVerdict(c.appraisal)} />
            <ValidityBadge expiresAt={a.expiresAt} />
          </>
        }
      />

      <VerdictBanner appraisal={c.appraisal} gpuModels={gpus.map((g) => g.model)} reasonText={(code) => td(`reason.${code}`)} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader title={td("where")} />
            <CardBody>
              <dl className="divide-y divide-line">
                <Fact label={td("country")}>{r.country === "JP" ? `${td("japan")}（JP）` : r.country}</Fact>
                <Fact label={td("facility")} testId="fact-facility">
                  {facilityName(r.facility.id, locale) ?? r.facility.id}
                  <span className="ml-2 font-mono text-xs text-muted">{r.facility.id}</span>
                </Fact>
                <Fact label={td("prefecture")}>{r.facility.prefecture}</Fact>
                <Fact label={td("isoCode")}>
                  <span className="font-mono">{r.facility.iso3166_2}</span>
                </Fact>
                <Fact label={`${td("region")} / ${td("zone")}`}>
                  {regionName(r.region, locale)}（<span className="font-mono">{r.region}</span>） / <span className="font-mono">{r.zone}</span>
                </Fact>
                <Fact label={td("dataPlanes")}>
                  <ul className="space-y-1">
                    {PLANES.map((plane) => (
                      <li key={plane}>
                        <span className="text-muted">{td(`plane.${plane}`)}：</span>
                        {r.data_planes[plane].map(facilityText).join("、") || "—"}
                      </li>
                    ))}
                  </ul>
                </Fact>
              </dl>
            </CardBody>
          </Card>

          <Card>
            <CardHeader
              title={td("hardware")}
              description={td("hardwareSummary", { nodes: c.hardware.nodes.length, gpus: formatGpus(gpus.length, locale), total: gpus.length, passed, ccOn })}
            />
            {gpus.length === 0 ? (
              <CardBody>
                <p className="text-sm text-muted">{td("noGpus")}</p>
              </CardBody>
            ) : (
              <Table data-testid="gpu-table">
                <thead>
                  <tr>
                    <Th>{td("node")}</Th>
                    <Th>{td("gpuModel")}</Th>
                    <Th>{td("ueid")}</Th>
                    <Th>{td("boardSerial")}</Th>
                    <Th>{td("vbios")}</Th>
                    <Th>{td("driver")}</Th>
                    <Th>{td("ccMode")}</Th>
                    <Th>{td("nras")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {c.hardware.nodes.flatMap((node) =>
                    node.gpus.map((g, i) => (
                      <tr key={`${node.node_id}/${g.ueid}`}>
                        <Td className="font-mono text-xs">{i === 0 ? node.node_id : ""}</Td>
                        <Td>{g.model}</Td>
                        <Td className="font-mono text-xs">{g.ueid}</Td>
                        <Td className="font-mono text-xs">{g.board_serial}</Td>
                        <Td className="font-mono text-xs">{g.vbios}</Td>
                        <Td className="font-mono text-xs">{g.driver}</Td>
                        <Td className={g.cc_mode === "on" ? "text-emerald-800" : "text-amber-900"}>{td(`cc.${g.cc_mode}`)}</Td>
                        <Td className={g.nras_result === "pass" ? "text-emerald-800" : g.nras_result === "fail" ? "text-red-800" : "text-amber-900"}>
                          {td(`nrasResult.${g.nras_result}`)}
                        </Td>
                      </tr>
                    )),
                  )}
                </tbody>
              </Table>
            )}
          </Card>

          <Card>
            <CardHeader title={td("operator")} />
            <CardBody>
              <dl className="divide-y divide-line">
                <Fact label={td("legalName")}>{c.operator.legal_name}</Fact>
                <Fact label={td("corporateNumber")}>
                  <span className="font-mono">{c.operator.corporate_number}</span>
                </Fact>
                <Fact label={td("invoiceRegNo")}>
                  <span className="font-mono">{c.operator.invoice_reg_no}</span>
                </Fact>
                <Fact label={td("opsCountry")}>{c.operator.ops_personnel_country === "JP" ? `${td("japan")}（JP）` : c.operator.ops_personnel_country}</Fact>
              </dl>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={td("appraisal")} />
            <CardBody className="space-y-2">
              <div className="flex items-center gap-2">
                <AttestationStatusBadge status={residencyVerdict(c.appraisal)} />
                <span className="text-sm text-muted">
                  {td("policy")}: <span className="font-mono">{c.appraisal.policy_id}</span>
                </span>
              </div>
              {c.appraisal.reasons.length === 0 ? (
                <p className="text-sm text-muted">{td("reasonsNone")}</p>
              ) : (
                <ul className="list-disc space-y-1 pl-5 text-sm">
                  {c.appraisal.reasons.map((reason, i) => (
                    <li key={i}>
                      {td(`reason.${reason.code}`)} — <span className="font-mono text-xs">{reason.subject}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={td("measurements")} />
            <Table>
              <thead>
                <tr>
                  <Th>{td("component")}</Th>
                  <Th>{td("version")}</Th>
                  <Th>{td("digest")}</Th>
                </tr>
              </thead>
              <tbody>
                {c.measurements.map((m) => (
                  <tr key={m.component}>
                    <Td>{m.component}</Td>
                    <Td className="font-mono text-xs">{m.version}</Td>
                    <Td className="break-all font-mono text-xs">{m.digest}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        </div>

        <aside className="space-y-6">
          <VerificationPanel jws={a.jws} nonce={a.nonce} />

          <Card>
            <CardBody className="space-y-3">
              <Button asChild className="w-full">
                <a href={`${base}/pdf`} download>
                  <FileText className="size-4" aria-hidden />
                  {td("downloadPdf")}
                </a>
              </Button>
              <Button asChild variant="secondary" className="w-full">
                <a href={`${base}/jws`} download>
                  <Download className="size-4" aria-hidden />
                  {td("downloadJws")}
                </a>
              </Button>
              {canRequest ? (
                <Button variant="secondary" className="w-full" onClick={() => setRequestOpen(true)}>
                  <KeyRound className="size-4" aria-hidden />
                  {t("request.button")}
                </Button>
              ) : null}
              <Link href={`/${slug}/attestations/verify`} className="block text-center text-sm text-brand-700 hover:underline">
                {t("howToVerify")}
              </Link>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={td("signature")} />
            <CardBody>
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className="text-muted">{td("id")}</dt>
                  <dd className="break-all font-mono text-xs">{a.id}</dd>
                </div>
                <div>
                  <dt className="text-muted">{td("subject")}</dt>
                  <dd className="break-all font-mono text-xs">{c.sub}</dd>
                </div>
                <div>
                  <dt className="text-muted">{td("issued")}</dt>
                  <dd>{formatDateTime(a.issuedAt, locale)}</dd>
                </div>
                <div>
                  <dt className="text-muted">{td("expires")}</dt>
                  <dd>{formatDateTime(a.expiresAt, locale)}</dd>
                </div>
                {a.nonce ? (
                  <div>
                    <dt className="text-muted">{td("nonce")}</dt>
                    <dd className="break-all font-mono text-xs" data-testid="nonce">
                      {a.nonce}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt className="text-muted">{td("kid")}</dt>
                  <dd className="break-all font-mono text-xs">ES256 {a.kid}</dd>
                </div>
                <div>
                  <dt className="text-muted">{td("fingerprint")}</dt>
                  <dd className="break-all font-mono text-xs">{a.jwsSha256.match(/.{1,8}/g)?.join(" ")}</dd>
                </div>
              </dl>
              <details className="mt-4">
                <summary className="cursor-pointer text-sm text-brand-700">{td("jws")}</summary>
                <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-canvas p-2 font-mono text-[11px]">{a.jws}</pre>
              </details>
            </CardBody>
          </Card>
        </aside>
      </div>

      {canRequest ? (
        <RequestAttestationDialog
          slug={slug}
          resources={[{ id: a.resourceId, kind: a.resourceKind, name, regionId: r.region, zoneId: r.zone }]}
          defaultResourceId={a.resourceId}
          open={requestOpen}
          onOpenChange={setRequestOpen}
        />
      ) : null}
    </>
  );
}
