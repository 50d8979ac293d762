import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The overview sits in its own route group so that its strings (tiles, idle-GPU findings) are sent
// with it, not with every console page through the shell's layout.
export default function OverviewLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/(overview)/layout.tsx">{children}</ClientMessages>;
}
