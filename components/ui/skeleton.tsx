import { Card } from "./card";
import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded bg-slate-200/70", className)} />;
}

/** A list's table while its first page loads. */
export function TableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <Card className="space-y-2 p-4" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
    </Card>
  );
}
