// A page's filters, tabs and sort live in its address, so a view can be shared and survives a
// reload. A change is always built from the address as it is at that moment, never from the
// parameters of the last render: two quick changes (a filter, then another before the page has
// drawn the first) must both stay.

/** Parameters to set; an empty value (or null) removes the parameter. Others stay as they are. */
export type QueryChange = Record<string, string | null | undefined>;

/** The address with its query changed: from the address as it is now, hash included if given. */
export function addressWith(change: QueryChange, hash = ""): string {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(change)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  return `${window.location.pathname}${params.size ? `?${params}` : ""}${hash}`;
}

/**
 * For a page whose server does not read these parameters: the address is rewritten in the
 * browser's history at once (Next keeps `useSearchParams` in step with it). A router navigation
 * would ask the server to render a page that ignores them, and would change the address only
 * when that answer came back, so a second change made meanwhile undid the first.
 */
export function replaceAddressQuery(change: QueryChange, hash = ""): void {
  window.history.replaceState(null, "", addressWith(change, hash));
}
