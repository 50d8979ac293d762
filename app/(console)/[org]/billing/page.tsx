import { Suspense } from "react";
import { CostExplorer } from "@/components/billing/cost-explorer";

export default function BillingPage() {
  return (
    <Suspense>
      <CostExplorer />
    </Suspense>
  );
}
