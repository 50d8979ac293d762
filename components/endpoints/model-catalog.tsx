import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { ModelCatalogEntry } from "@/lib/domain/endpoints";
import { formatNumber, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The model catalog (server component: no JavaScript shipped for it). */
export async function ModelCatalog({ models, slug, canCreate }: { models: ModelCatalogEntry[]; slug: string; canCreate: boolean }) {
  const t = await getTranslations("endpoints.catalogPage");
  const locale = (await getLocale()) as Locale;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        {models.map((m) => (
          <Card key={m.id} data-testid="model-card">
            <CardBody className="space-y-3">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 className="text-base font-semibold">{m.displayName}</h2>
                  <p className="text-xs text-muted">
                    {locale === "ja" ? m.publisherJa : m.publisherEn} · <code className="font-mono">{m.id}</code>
                  </p>
                </div>
                {canCreate ? (
                  <Button asChild size="sm" variant="secondary">
                    <Link href={`/${slug}/endpoints/new?model=${encodeURIComponent(m.id)}`}>{t("use")}</Link>
                  </Button>
                ) : null}
              </div>
              <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
                <div><dt className="text-xs text-muted">{t("params")}</dt><dd>{t("paramsValue", { value: m.parametersB })}{m.mixtureOfExperts ? ` (${t("moe")})` : ""}</dd></div>
                <div><dt className="text-xs text-muted">{t("context")}</dt><dd className="tabular">{formatNumber(m.contextLength, locale)}</dd></div>
                <div><dt className="text-xs text-muted">{t("minMemory")}</dt><dd>{m.minGpuMemoryGb} GB{m.quantization ? ` (${m.quantization})` : ""}</dd></div>
                <div className="col-span-2"><dt className="text-xs text-muted">{t("license")}</dt><dd>{m.license}</dd></div>
                <div><dt className="text-xs text-muted">{t("coldStart")}</dt><dd>{m.coldStartSeconds} s</dd></div>
              </dl>
              <div>
                <p className="mb-1 text-xs text-muted">{t("fits")}</p>
                <table className="w-full text-sm">
                  <tbody>
                    {m.fits.map((f) => (
                      <tr key={f.shapeId} className="border-t border-line">
                        <th scope="row" className="py-1 text-left font-mono text-xs font-normal">
                          {f.shapeId}
                          {f.tensorParallel ? <span className="ml-2 text-muted">{t("tensorParallel", { value: f.tensorParallel })}</span> : null}
                        </th>
                        <td className="tabular py-1 text-right">{formatYen(f.pricePerMonth.amount, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
