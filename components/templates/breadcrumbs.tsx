"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronRight } from "lucide-react";
import { useOrg } from "@/components/shell/org-context";

export interface Crumb {
  label: string;
  href?: string;
}

/** 「ヒノキ自動車 › クラスター › prod-training」: the org first, the current page last (not a link). */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const { slug, orgName } = useOrg();
  const t = useTranslations("templates");
  const all: Crumb[] = [{ label: orgName, href: `/${slug}` }, ...trail];
  return (
    <nav aria-label={t("breadcrumbs")} className="mb-2 min-w-0 text-sm" data-testid="breadcrumbs">
      <ol className="flex flex-wrap items-center gap-1 text-muted">
        {all.map((crumb, i) => {
          const last = i === all.length - 1;
          return (
            <li key={`${i}-${crumb.label}`} className="flex min-w-0 items-center gap-1">
              {i > 0 ? <ChevronRight className="size-3.5 shrink-0" aria-hidden /> : null}
              {last || !crumb.href ? (
                <span aria-current={last ? "page" : undefined} className={last ? "truncate font-medium text-ink" : "truncate"}>
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href} className="truncate text-brand-700 hover:underline">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
