import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

export default function ShapesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages layout="app/(console)/[org]/shapes/layout.tsx">{children}</ClientMessages>;
}
