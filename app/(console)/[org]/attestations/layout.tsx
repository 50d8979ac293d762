import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function AttestationsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/attestations/layout.tsx">{children}</ClientMessages>;
}
