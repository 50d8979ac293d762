// Where to send the browser after sign-in, taken from a URL parameter anyone can put in a link.
// A prefix check ("starts with / but not //") is not enough: browsers read "/\evil.example" as
// "//evil.example", strip tabs and newlines, and resolve dot segments ("/.//evil" → "//evil").
// So the target is parsed like the browser would, against the console's origin, and only a
// same-origin path, query and fragment are kept — starting with exactly one slash.

const PLACEHOLDER_ORIGIN = "http://console.invalid";
const MAX_LENGTH = 2048;

export function sameOriginPath(value: string | string[] | null | undefined, origin: string = PLACEHOLDER_ORIGIN, fallback = "/"): string {
  const target = Array.isArray(value) ? value[0] : value;
  if (!target || target.length > MAX_LENGTH) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  // "//x" would be read as another host when this path is used as a location.
  const path = url.pathname.replace(/^[/\\]+/, "/");
  return `${path}${url.search}${url.hash}`;
}
