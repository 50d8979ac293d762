// CSRF defence for cookie-authenticated mutations: the browser states where a request comes
// from (Origin, or Sec-Fetch-Site); anything but our own origin is refused. Bearer-token calls
// carry no ambient credentials and are not subject to it.

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}
