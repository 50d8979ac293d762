"use client";
import { useTranslations } from "next-intl";
import { Button } from "./button";

/** The pages a keyset list can still load, for react-query's infinite queries. */
export interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The "load more" bar under a table card: nothing when the list is complete. */
export function LoadMoreFooter({ pages }: { pages: MorePages }) {
  const tc = useTranslations("common");
  if (!pages.hasNextPage) return null;
  return (
    <div className="flex justify-center border-t border-line p-3">
      <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
        {pages.isFetchingNextPage ? tc("loading") : tc("loadMore")}
      </Button>
    </div>
  );
}
