import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";

// Who is on the other end of a request. X-Forwarded-For is a header anyone can send, so it is
// believed only from the proxies the operator lists in HINOKI_TRUSTED_PROXIES (addresses or
// CIDRs, comma-separated): behind them, the client is the right-most hop they did not add
// themselves (each proxy appends the address it saw; whatever is left of that, the client
// wrote). Without the setting the socket's peer is the client, whatever the headers say.

export const TRUSTED_PROXIES_ENV = "HINOKI_TRUSTED_PROXIES";

export interface TrustedProxies {
  size: number;
  has(address: string): boolean;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[2001:db8::1]:443" → "2001:db8::1"; "1.2.3.4:80" → "1.2.3.4"; garbage → null. */
function normalise(raw: string | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(text)) text = text.slice(7);
  return isIP(text) ? text.toLowerCase() : null;
}

export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (text ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefixText, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && (!/^\d+$/.test(prefixText) || prefix > maxPrefix))) {
      throw new Error(`${TRUSTED_PROXIES_ENV}: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 192.0.2.10, fd00::/8)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return { size: entries.length, has: (address) => entries.length > 0 && list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") };
}

export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string | null {
  let client = normalise(peer);
  if (!client || !trusted.has(client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]);
    // Not an address: no trusted proxy wrote it, so the last trusted hop is all we know.
    if (!hop) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/** Sets the one header the console reads the client's address from, replacing any sent copy. */
export function stampClientAddress(req: IncomingMessage, trusted: TrustedProxies): void {
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}
