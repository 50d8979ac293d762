import type { ReactNode } from "react";
import { Lock } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/**
 * The frame of a gated console section: its heading, then its pages — or, for a role that may not
 * see it, why not in their place. Used by the section layouts with lib/services/session/section-allowed.
 */
export function SectionFrame({ title, description, allowed, noAccess, children }: { title: string; description: string; allowed: boolean; noAccess: { title: string; body: string }; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {allowed ? children : <EmptyState icon={<Lock className="size-8" />} title={noAccess.title} description={noAccess.body} />}
    </>
  );
}
