import { InvoiceDetailView } from "@/components/billing/invoice-detail";
import { getInvoiceDetail } from "@/lib/services/billing/get-invoice";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { readIfAllowed } from "@/lib/services/session/page-read";

export default async function InvoicePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { principal } = await orgPageAccess(org);
  // The billing layout explains a missing permission (and shows no page); an unknown or foreign id is a 404.
  const detail = await readIfAllowed(getInvoiceDetail(principal, org, id));
  return detail ? <InvoiceDetailView detail={detail} /> : null;
}
