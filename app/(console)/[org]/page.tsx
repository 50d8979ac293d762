import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Boxes, Cpu, FileCheck2, Receipt, Sparkles } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { getOrgShell } from "@/lib/services/session/get-org-shell";

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = (await currentPrincipal())!;
  const shell = await getOrgShell(principal, org);
  const t = await getTranslations("empty");
  const nav = await getTranslations("nav");
  const tiles = [
    { href: "shapes", icon: Cpu, key: "shapes" },
    { href: "clusters", icon: Boxes, key: "clusters" },
    { href: "endpoints", icon: Sparkles, key: "endpoints" },
    { href: "attestations", icon: FileCheck2, key: "attestations" },
    ...(shell.permissions.includes("billing.read") ? [{ href: "billing", icon: Receipt, key: "billing" }] : []),
  ] as const;
  return (
    <>
      <PageHeader title={t("overviewTitle", { org: shell.org.legalNameJa })} description={t("overviewBody")} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map(({ href, icon: Icon, key }) => (
          <Link key={key} href={`/${org}/${href}`} className="group">
            <Card className="h-full p-5 transition-shadow group-hover:shadow-md">
              <Icon className="size-6 text-brand-600" aria-hidden />
              <h2 className="mt-3 font-semibold">{nav(key)}</h2>
              <p className="mt-1 text-sm text-muted">{t(`${key}Body`)}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
