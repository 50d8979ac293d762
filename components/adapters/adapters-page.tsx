"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ArrowLeft } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdaptersTable } from "./adapters-table";
import { RegisterAdapterForm } from "./register-adapter-form";

export function AdaptersPage({ slug, canWrite }: { slug: string; canWrite: boolean }) {
  const t = useTranslations("adapters");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="secondary">
            <Link href={`/${slug}/endpoints`}>
              <ArrowLeft className="size-4" aria-hidden />
              {t("backToEndpoints")}
            </Link>
          </Button>
        }
      />
      <div className="space-y-6">
        {canWrite ? <RegisterAdapterForm slug={slug} /> : null}
        <Card>
          <CardHeader title={t("list.title")} />
          <AdaptersTable slug={slug} canWrite={canWrite} />
        </Card>
      </div>
    </>
  );
}
