import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function OrgsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/orgs/layout.tsx">{children}</ClientMessages>;
}
