// What the header search finds: the org's resources and the console's pages, matched by name
// or id as a person types them (full-width or half-width, any case), best matches first.

export type SearchKind = "page" | "cluster" | "endpoint" | "reservation" | "apiToken";

export interface SearchItem {
  kind: SearchKind;
  /** What the list shows and what is matched first. */
  label: string;
  /** Matched too, shown smaller (a resource's id). */
  detail?: string;
  /** Other words that find it (a page's English and Japanese names, a shape id). */
  keywords?: string[];
  href: string;
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().trim();

/** 0 is best: the label starts with the query, then a word of the label, then anywhere. -1: no match. */
function rank(item: SearchItem, q: string): number {
  const label = fold(item.label);
  if (label.startsWith(q)) return 0;
  if (label.split(/[\s\-_/・]+/).some((w) => w.startsWith(q))) return 1;
  if (label.includes(q)) return 2;
  if (item.detail && fold(item.detail).includes(q)) return 3;
  if (item.keywords?.some((k) => fold(k).includes(q))) return 4;
  return -1;
}

/** The items matching the query, best first (stable within a rank), at most `limit`. Empty query: pages only. */
export function matchSearch(items: readonly SearchItem[], query: string, limit = 20): SearchItem[] {
  const q = fold(query);
  if (!q) return items.filter((i) => i.kind === "page").slice(0, limit);
  return items
    .map((item, index) => ({ item, index, rank: rank(item, q) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((r) => r.item);
}
