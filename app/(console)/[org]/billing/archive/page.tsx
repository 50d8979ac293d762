import { Suspense } from "react";
import { ArchivePolicy } from "@/components/billing/archive-policy";
import { ChainVerification } from "@/components/billing/chain-verification";
import { InvoiceList } from "@/components/billing/invoice-list";

// 請求書アーカイブ (電子帳簿保存法): the search with its CSV and the original PDFs, the hash
// chain's verification, and how the documents are kept.
export default async function InvoiceArchivePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <div className="space-y-6">
      <Suspense>
        <InvoiceList archive />
      </Suspense>
      <ChainVerification />
      <ArchivePolicy slug={org} />
    </div>
  );
}
