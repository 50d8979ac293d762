import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function OperationsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/operations/layout.tsx">{children}</ClientMessages>;
}
