import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function InvitationsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/invitations/layout.tsx">{children}</ClientMessages>;
}
