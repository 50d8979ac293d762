// The keys a person types between asking for the search (「/」, ⌘K, a click) and its input having
// focus: on the first use in a tab that is the time the dialog's code takes to arrive, and the
// keys would otherwise land on the page and be lost. They are held here and handed to the input
// when it opens (console-search-dialog.tsx). A key typed into a text field is left alone; if the
// dialog never opens (its code failed to load), holding stops after a few seconds and keys reach
// the page again.

const GIVE_UP_MS = 5_000;

let held: string | null = null;
let giveUp: ReturnType<typeof setTimeout> | undefined;

/** Whether a key press lands in something the person is typing into. */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function onKey(event: KeyboardEvent): void {
  if (held === null || typingIn(event.target) || event.isComposing) return;
  if (event.metaKey || event.ctrlKey || event.altKey) return;
  if (event.key.length === 1) held += event.key;
  else if (event.key === "Backspace") held = held.slice(0, -1);
  else return;
  event.preventDefault();
  event.stopPropagation();
}

function stop(): void {
  window.removeEventListener("keydown", onKey, true);
  clearTimeout(giveUp);
  held = null;
}

/** Starts holding the keys typed outside a text field (again: keeps what is held). */
export function holdSearchKeys(): void {
  if (held === null) {
    held = "";
    window.addEventListener("keydown", onKey, true);
  }
  clearTimeout(giveUp);
  giveUp = setTimeout(stop, GIVE_UP_MS);
}

/** What was typed since holdSearchKeys(), and stops holding; "" when nothing was held. */
export function takeSearchKeys(): string {
  const keys = held ?? "";
  stop();
  return keys;
}
