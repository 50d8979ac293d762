import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function StatusLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/status/layout.tsx">{children}</ClientMessages>;
}
