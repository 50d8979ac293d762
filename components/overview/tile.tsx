import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowRight } from "lucide-react";
import { Card } from "@/components/ui/card";

/** One cockpit tile: a title, its content, and where its detail lives. */
export function Tile({ title, href, linkLabel, children, className }: { title: ReactNode; href?: string; linkLabel?: string; children: ReactNode; className?: string }) {
  return (
    <Card className={`flex flex-col p-4 ${className ?? ""}`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-ink">{title}</h2>
        {href && linkLabel ? (
          <Link href={href} className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline">
            {linkLabel}
            <ArrowRight className="size-3" aria-hidden />
          </Link>
        ) : null}
      </div>
      <div className="min-h-0 flex-1">{children}</div>
    </Card>
  );
}
