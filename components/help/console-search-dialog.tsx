"use client";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog as RadixDialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useOrg } from "@/components/shell/org-context";
import { matchSearch, type SearchItem, type SearchKind } from "@/lib/client/help/match-search";
import { useSearchIndex } from "@/lib/client/help/use-search-index";
import { SEARCH_PAGES } from "./search-pages";
import { SEARCH_TRIGGER, SearchTriggerFace } from "./console-search";
import { holdSearchKeys, isSearchShortcut, takeSearchKeys } from "./search-type-ahead";

const KIND_ORDER: SearchKind[] = ["page", "cluster", "endpoint", "reservation", "apiToken"];

/**
 * The header search: 「/」 or ⌘K (Ctrl+K) opens it anywhere; the org's clusters, endpoints,
 * reservations and API tokens and the console's pages, by name or id. Loaded on intent (./console-search.tsx). A combobox (WAI-ARIA 1.2):
 * typing filters, ↑↓ move, Enter opens, Esc closes and returns focus to the trigger.
 */
export function ConsoleSearchDialog({ defaultOpen }: { defaultOpen?: boolean }) {
  const t = useTranslations("help.search");
  // The pages' names are the nav's own or the help's (search-pages.ts).
  const tNav = useTranslations("nav");
  const tHelp = useTranslations("help");
  const { slug, permissions } = useOrg();
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen ?? false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const index = useSearchIndex(slug, permissions, open);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isSearchShortcut(event)) {
        event.preventDefault();
        holdSearchKeys(); // until the input has focus, a render later
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pages: SearchItem[] = useMemo(
    () =>
      SEARCH_PAGES.filter((p) => permissions.includes(p.permission)).map((p) => ({
        kind: "page",
        label: p.label.startsWith("nav.") ? tNav(p.label.slice("nav.".length)) : tHelp(p.label.slice("help.".length)),
        keywords: [p.path.replaceAll("/", " ").replaceAll("-", " ")],
        href: `/${slug}${p.path}`,
      })),
    [permissions, slug, tNav, tHelp],
  );
  const results = useMemo(() => {
    const found = matchSearch([...pages, ...(index.data ?? [])], query, 30);
    return [...found].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  }, [pages, index.data, query]);
  const current = Math.min(active, Math.max(results.length - 1, 0));

  function go(item: SearchItem | undefined) {
    if (!item) return;
    setOpen(false);
    setQuery("");
    router.push(item.href);
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <RadixDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQuery("");
      }}
    >
      <RadixDialog.Trigger className={SEARCH_TRIGGER} data-testid="search-trigger" onClick={holdSearchKeys}>
        <SearchTriggerFace />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <RadixDialog.Content
          className="fixed left-1/2 top-[12vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg bg-white shadow-xl"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            // Keys typed since the search was asked for (on the first use, while this code loaded).
            const typedAhead = takeSearchKeys();
            if (typedAhead) setQuery((q) => q + typedAhead);
            inputRef.current?.focus();
          }}
        >
          <RadixDialog.Title className="sr-only">{t("title")}</RadixDialog.Title>
          <RadixDialog.Description className="sr-only">{t("instructions")}</RadixDialog.Description>
          <div className="flex items-center gap-2 border-b border-line px-4">
            <Search className="size-4 shrink-0 text-muted" aria-hidden />
            <input
              ref={inputRef}
              role="combobox"
              aria-label={t("title")}
              aria-expanded={results.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={results.length > 0 ? optionId(current) : undefined}
              className="h-12 min-w-0 flex-1 bg-transparent text-sm text-ink outline-none placeholder:text-muted"
              placeholder={t("placeholder")}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={(event) => {
                if (event.nativeEvent.isComposing) return; // an IME choosing kanji owns Enter and the arrows
                if (event.key === "ArrowDown") {
                  event.preventDefault();
                  setActive(results.length ? (current + 1) % results.length : 0);
                } else if (event.key === "ArrowUp") {
                  event.preventDefault();
                  setActive(results.length ? (current - 1 + results.length) % results.length : 0);
                } else if (event.key === "Enter") {
                  event.preventDefault();
                  go(results[current]);
                }
              }}
            />
          </div>
          <ul id={listId} role="listbox" aria-label={t("results")} className="max-h-[50vh] overflow-y-auto p-1 text-sm">
            {results.map((item, i) => (
              <li
                key={`${item.kind}-${item.href}-${item.label}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className={cn("flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2", i === current && "bg-brand-50")}
                onMouseMove={() => setActive(i)}
                onClick={() => go(item)}
              >
                <span className="min-w-0 truncate text-ink">{item.label}</span>
                <span className="flex shrink-0 items-center gap-2 text-xs text-muted">
                  {item.detail ? <span className="font-mono">{item.detail}</span> : null}
                  <span className="rounded bg-slate-100 px-1.5 py-0.5">{t(`kinds.${item.kind}`)}</span>
                </span>
              </li>
            ))}
          </ul>
          <p className="border-t border-line px-4 py-2 text-xs text-muted" aria-live="polite">
            {index.isFetching && !index.data ? t("loading") : results.length === 0 ? t("none", { query: query.trim() }) : t("hint")}
          </p>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
