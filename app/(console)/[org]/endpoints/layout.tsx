import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function EndpointsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/endpoints/layout.tsx">{children}</ClientMessages>;
}
