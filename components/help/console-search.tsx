"use client";
import { lazy, Suspense, useEffect } from "react";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { useLoadOnIntent } from "@/components/ui/use-load-on-intent";
import { holdSearchKeys, isSearchShortcut, searchKeys } from "./search-type-ahead";

// The header search. Its dialog (Radix, the index query, matching) is code no first paint needs:
// the header shows the same button and listens for 「/」 and ⌘K; the dialog loads on intent.
const load = () => import("./console-search-dialog");
const ConsoleSearchDialog = lazy(() => load().then((m) => ({ default: m.ConsoleSearchDialog })));

export const SEARCH_TRIGGER =
  "flex h-9 min-w-0 items-center gap-2 rounded-md border border-line bg-white px-3 text-sm text-muted hover:border-brand-300 hover:text-ink md:w-72";

export function SearchTriggerFace() {
  const t = useTranslations("help.search");
  return (
    <>
      <Search className="size-4 shrink-0" aria-hidden />
      <span className="hidden truncate md:inline">{t("trigger")}</span>
      <span className="sr-only md:hidden">{t("trigger")}</span>
      <kbd className="ml-auto hidden rounded border border-line px-1.5 font-mono text-xs md:inline" aria-hidden>
        /
      </kbd>
    </>
  );
}

export function ConsoleSearch() {
  const { engaged, engage, intent } = useLoadOnIntent(load);
  useEffect(() => {
    // The layout's script caught 「/」 or ⌘K pressed before this code ran; from here on it is ours.
    if (searchKeys().handOver()) engage();
  }, [engage]);
  useEffect(() => {
    // Once the dialog is in, it listens for the shortcuts itself.
    if (engaged) return;
    function onKey(event: KeyboardEvent) {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      // The dialog's code is still to come: what is typed meanwhile goes into its input.
      holdSearchKeys();
      engage();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [engaged, engage]);
  const standIn = (handlers?: typeof intent) => (
    <button type="button" aria-haspopup="dialog" aria-expanded={false} className={SEARCH_TRIGGER} data-testid="search-trigger" {...handlers}>
      <SearchTriggerFace />
    </button>
  );
  if (!engaged)
    return standIn({
      ...intent,
      onClick: () => {
        holdSearchKeys();
        intent.onClick();
      },
    });
  return (
    <Suspense fallback={standIn()}>
      <ConsoleSearchDialog defaultOpen />
    </Suspense>
  );
}
