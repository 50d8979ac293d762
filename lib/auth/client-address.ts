// The client's address, as the console's own server (lib/server/main.ts) determined it: the
// socket's peer, or — only when that peer is a configured proxy (HINOKI_TRUSTED_PROXIES) — the
// right-most X-Forwarded-For hop no trusted proxy added. The server overwrites this header on
// every request, so nothing a client sends under this name (or as X-Forwarded-For) is believed.
// Anonymous rate-limit buckets, sign-in throttling and audit entries read it here.

export const CLIENT_ADDRESS_HEADER = "x-hinoki-client-ip";

export function clientAddressOf(headers: { get(name: string): string | null } | undefined | null): string | null {
  return headers?.get(CLIENT_ADDRESS_HEADER) || null;
}
