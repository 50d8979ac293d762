import type { IncomingMessage, ServerResponse } from "node:http";
import { errorPayload } from "@/lib/api/error-response";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { errorMessage } from "@/lib/i18n/messages";

// A path Next cannot decode (a broken percent-escape such as `%E0%A4%A`) makes its router throw
// and answer a plain-text 500, whatever the route, page or API, cookie or token. A path with an
// encoded NUL (`%00`) decodes into a value PostgreSQL refuses. The server answers both itself,
// before any edge handler or Next sees them: the API with its one error shape (400), a page with a
// small 400 page in the reader's language.

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/** Why this path cannot be served, or null when it can. */
export function malformedPathReason(url: string): string | null {
  const path = pathOf(url);
  if (!path.includes("%")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "malformed percent-escape in the path";
  }
  if (decoded.includes("\u0000")) return "NUL character in the path";
  // "%2e%2e" is a dot segment in disguise: routers normalise it away, to another route or none.
  if (path.split("/").some((segment) => /%2e/i.test(segment) && /^\.{1,2}$/.test(safeDecode(segment)))) return "encoded dot segment in the path";
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function pageLocale(req: IncomingMessage): Locale {
  const cookie = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`).exec(String(req.headers.cookie ?? ""))?.[1];
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(req.headers["accept-language"]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Answers the request with a 400 and returns true when its path is malformed. */
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const reason = malformedPathReason(req.url ?? "/");
  if (!reason) return false;
  const requestId = newId("request");
  if (pathOf(req.url ?? "/").startsWith("/api/")) {
    const { status, body } = errorPayload(new AppError("bad_request", reason), requestId, localeFromAcceptLanguage(req.headers["accept-language"]));
    const payload = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), "cache-control": "no-store", "x-request-id": requestId });
    res.end(req.method === "HEAD" ? undefined : payload);
    return true;
  }
  const locale = pageLocale(req);
  const message = escapeHtml(errorMessage(locale, "bad_request"));
  const page = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>400 — ${message}</title></head><body><h1>400</h1><p>${message}</p><p><a href="/">Hinoki</a></p></body></html>`;
  res.writeHead(400, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page), "cache-control": "no-store", "x-request-id": requestId });
  res.end(req.method === "HEAD" ? undefined : page);
  return true;
}
