import { notFound, redirect } from "next/navigation";
import { InvoiceDetailView } from "@/components/billing/invoice-detail";
import { isAppError } from "@/lib/domain/errors";
import { getInvoiceDetail } from "@/lib/services/billing/get-invoice";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export default async function InvoicePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${org}/billing/invoices/${id}`)}`);
  const detail = await getInvoiceDetail(principal, org, id).catch((error) => {
    // The billing layout explains a missing permission (and shows no page); an unknown or foreign id is a 404.
    if (isAppError(error) && error.code === "forbidden") return null;
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return detail ? <InvoiceDetailView detail={detail} /> : null;
}
