import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function ApprovalsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/approvals/layout.tsx">{children}</ClientMessages>;
}
