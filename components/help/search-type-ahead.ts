// The keys a person types between asking for the search (「/」, ⌘K, a click) and its input having
// focus. The header is drawn by the server, so that can start before the page's code has run at
// all; on the first use in a tab it also spans the time the dialog's code takes to arrive. The
// keys would otherwise land on the page and be lost. They are held here and handed to the input
// when it opens (console-search-dialog.tsx). A key typed into a text field is left alone; if the
// dialog never opens (its code failed to load), holding stops after a few seconds and keys reach
// the page again.
//
// One listener does all of it, installed by an inline script in the console's layout
// (SEARCH_KEYS_SCRIPT) before any bundle runs, so until the search's own code takes over
// (handOver) it also catches the shortcut itself. installSearchKeys is therefore self-contained:
// it is sent to the browser as its source text and may use nothing from this module's scope.

export interface SearchKeys {
  /** What was typed since hold(); null while not holding. */
  held: string | null;
  /** Whether 「/」 or ⌘K was pressed before the page's code took over. */
  asked: boolean;
  /** 「/」 (outside a text field, where it is just a slash) or ⌘K / Ctrl+K. */
  isShortcut(event: KeyboardEvent): boolean;
  typingIn(target: EventTarget | null): boolean;
  hold(): void;
  take(): string;
  /** From now on the page's code handles the shortcuts; returns whether one was pressed before. */
  handOver(): boolean;
}

interface SearchKeysWindow {
  __hinokiSearchKeys?: SearchKeys;
}

export function installSearchKeys(): void {
  const w = window as unknown as SearchKeysWindow;
  if (w.__hinokiSearchKeys) return;
  const giveUpMs = 5000;
  let early = true;
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const keys: SearchKeys = {
    held: null,
    asked: false,
    typingIn(target) {
      const el = target as HTMLElement | null;
      return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
    },
    isShortcut(event) {
      const mod = event.metaKey || event.ctrlKey;
      const palette = mod && event.key.toLowerCase() === "k";
      return palette || (event.key === "/" && !mod && !event.altKey && !keys.typingIn(event.target));
    },
    hold() {
      if (keys.held === null) keys.held = "";
      clearTimeout(giveUp);
      // Before the page's code runs nothing else could take the keys, so there is no giving up.
      if (!early) giveUp = setTimeout(() => (keys.held = null), giveUpMs);
    },
    take() {
      const typed = keys.held ?? "";
      keys.held = null;
      clearTimeout(giveUp);
      return typed;
    },
    handOver() {
      const asked = keys.asked;
      early = false;
      keys.asked = false;
      if (keys.held !== null) keys.hold();
      return asked;
    },
  };
  window.addEventListener(
    "keydown",
    (event) => {
      if (keys.typingIn(event.target) || event.isComposing) return;
      if (keys.held === null) {
        if (!early || !keys.isShortcut(event)) return;
        keys.asked = true;
        keys.hold();
      } else {
        if (event.metaKey || event.ctrlKey || event.altKey) return;
        if (event.key.length === 1) keys.held += event.key;
        else if (event.key === "Backspace") keys.held = keys.held.slice(0, -1);
        else return;
        event.stopPropagation();
      }
      event.preventDefault();
    },
    true,
  );
  w.__hinokiSearchKeys = keys;
}

/** The inline script for the console's layout: holds the search's keys from the first paint on. */
export const SEARCH_KEYS_SCRIPT = `(${installSearchKeys.toString()})()`;

/** The one holder of the search's keys (installed here if the layout's script has not run). */
export function searchKeys(): SearchKeys {
  installSearchKeys();
  return (window as unknown as SearchKeysWindow).__hinokiSearchKeys!;
}

/** Starts holding the keys typed outside a text field (again: keeps what is held). */
export function holdSearchKeys(): void {
  searchKeys().hold();
}

/** What was typed since holdSearchKeys(), and stops holding; "" when nothing was held. */
export function takeSearchKeys(): string {
  return searchKeys().take();
}

export function isSearchShortcut(event: KeyboardEvent): boolean {
  return searchKeys().isShortcut(event);
}
