import { ApprovalsQueue } from "@/components/approvals/approvals-queue";

export default function ApprovalsPage() {
  return <ApprovalsQueue />;
}
