"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Th } from "@/components/ui/table";

/** A column header that sorts the table through the URL (?sort=…&dir=…); numbers sort biggest first. */
export function SortableHeader({ column, label, numeric, current, dir }: { column: string; label: string; numeric?: boolean; current: string; dir: "asc" | "desc" }) {
  const t = useTranslations("staff.book");
  const pathname = usePathname();
  const search = useSearchParams();
  const active = current === column;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : numeric ? "desc" : "asc";
  const params = new URLSearchParams(search.toString());
  params.set("sort", column);
  params.set("dir", nextDir);
  const Arrow = dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <Th numeric={numeric} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link href={`${pathname}?${params}`} replace scroll={false} className="inline-flex items-center gap-1 hover:text-ink" title={t("sortBy", { column: label })}>
        {label}
        {active ? <Arrow className="size-3" aria-hidden /> : null}
      </Link>
    </Th>
  );
}
