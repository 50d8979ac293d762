import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function ClustersLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/clusters/layout.tsx">{children}</ClientMessages>;
}
