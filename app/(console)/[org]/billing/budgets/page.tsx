import { BudgetsPanel } from "@/components/billing/budgets-panel";

export default function BudgetsPage() {
  return <BudgetsPanel />;
}
