import { Suspense } from "react";
import { CostExplorer } from "@/components/billing/cost-explorer";
import { getMonthToDate } from "@/lib/services/billing/get-month-to-date";
import { readIfAllowed } from "@/lib/services/session/page-read";
import { orgPageAccess } from "@/lib/services/session/page-access";

// The first HTML already holds this month's spend and forecast (the figures at the top), so the
// first paint shows numbers; the page then follows them from the browser.
export default async function BillingPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { principal } = await orgPageAccess(org);
  // A role without billing.read sees the layout's explanation instead of this page: nothing to load.
  const monthToDate = await readIfAllowed(getMonthToDate(principal, org));
  return (
    <Suspense>
      <CostExplorer initialMonthToDate={monthToDate} />
    </Suspense>
  );
}
