import { Suspense } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ArrowLeft, Eye } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { AccountActivityTimeline } from "@/components/staff/account-activity";
import { AccountDomains } from "@/components/staff/account-domains";
import { AccountNotes } from "@/components/staff/account-notes";
import { AccountOverview } from "@/components/staff/account-overview";
import { ContractEditor } from "@/components/staff/contract-editor";
import { QuotaQueue } from "@/components/staff/quota-queue";
import { readOrNotFound } from "@/lib/services/session/page-read";
import { staffPageAccess } from "@/lib/services/session/page-access";
import { getAccountContract } from "@/lib/services/contracts/get-account-contract";
import { getStaffAccount } from "@/lib/services/staff/get-account";

/** One account: summary, read-only links into the customer's console, quota requests, contract, notes, timeline. */
export default async function StaffAccountPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const principal = await staffPageAccess();
  const [detail, contract] = await readOrNotFound(Promise.all([getStaffAccount(principal, slug), getAccountContract(principal, slug)]));
  const t = await getTranslations("staff");
  const locale = await getLocale();
  const a = detail.account;
  return (
    <>
      <Link href="/staff" className="mb-3 inline-flex items-center gap-1 text-sm text-brand-700 underline-offset-2 hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("account.back")}
      </Link>
      <PageHeader
        title={locale === "ja" ? a.legalNameJa : a.legalNameEn}
        description={
          <span className="inline-flex items-center gap-1">
            <span className="font-mono">{a.slug}</span> · <Eye className="size-3.5" aria-hidden /> {t("account.viewAudited")}
          </span>
        }
      />
      <div className="space-y-10">
        <AccountOverview detail={detail} />
        <section id="quota-requests" aria-labelledby="quota-requests-title" className="scroll-mt-6 space-y-3">
          <h2 id="quota-requests-title" className="text-lg font-semibold">
            {t("quota.title")}
          </h2>
          <Suspense>
            <QuotaQueue org={a.slug} />
          </Suspense>
        </section>
        <section id="contract" aria-labelledby="contract-title" className="scroll-mt-6 space-y-3">
          <h2 id="contract-title" className="text-lg font-semibold">
            {t("contract.title")}
          </h2>
          <ContractEditor slug={a.slug} initial={contract} />
        </section>
        <section id="domains" className="scroll-mt-6">
          <AccountDomains slug={a.slug} />
        </section>
        <div className="grid gap-6 lg:grid-cols-2">
          <AccountNotes slug={a.slug} />
          <AccountActivityTimeline slug={a.slug} />
        </div>
      </div>
    </>
  );
}
