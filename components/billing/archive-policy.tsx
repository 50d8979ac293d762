"use client";
import { useTranslations } from "next-intl";
import { FileDown } from "lucide-react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { archivePolicyUrl } from "@/lib/client/billing/use-invoice-chain";

// 保存方針: how the archive keeps invoices under 電子帳簿保存法, in plain words, and the
// 事務処理規程 (with the org's name filled in) to adopt and keep.

const POINTS = ["immutable", "corrections", "retention", "chain", "search", "download"] as const;

export function ArchivePolicy({ slug }: { slug: string }) {
  const t = useTranslations("billing.archive.policy");
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-3">
        <ul className="list-disc space-y-1 pl-5 text-sm text-ink">
          {POINTS.map((p) => (
            <li key={p}>{t(`points.${p}`)}</li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-3 text-sm">
          <a href={archivePolicyUrl(slug, "ja")} download className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline">
            <FileDown className="size-4" aria-hidden />
            {t("downloadJa")}
          </a>
          <a href={archivePolicyUrl(slug, "en")} download className="inline-flex items-center gap-1 text-brand-700 hover:underline">
            <FileDown className="size-4" aria-hidden />
            {t("downloadEn")}
          </a>
        </div>
      </CardBody>
    </Card>
  );
}
