"use client";
import { useCallback, useState } from "react";

/**
 * For a control whose behaviour (a menu, a popover, a dialog) is code the first paint does not
 * need: the page shows a light stand-in of the same look, the code starts loading when the
 * pointer or focus reaches it, and the first press swaps in the real control, opened.
 * `load` is the module's import(); calling it again is free (the bundler caches the module).
 */
export function useLoadOnIntent(load: () => Promise<unknown>) {
  const [engaged, setEngaged] = useState(false);
  const preload = useCallback(() => void load().catch(() => undefined), [load]);
  const engage = useCallback(() => {
    preload();
    setEngaged(true);
  }, [preload]);
  return { engaged, engage, intent: { onPointerEnter: preload, onFocus: preload, onClick: engage } };
}
