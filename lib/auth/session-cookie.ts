import { decode, encode } from "next-auth/jwt";

// The browser's session cookie, read and re-issued with Auth.js's own JWT functions (the same
// encryption, key derivation and cookie names Auth.js uses in lib/auth/next-auth.ts), so a
// browser's API call can be resolved in plain Node — in the server's API edge as well as in
// Next — without running Auth.js's whole request pipeline for it.
//
// Auth.js names the cookie `__Secure-authjs.session-token` when the console is reached over
// https and `authjs.session-token` otherwise; the name is also the key derivation's salt. A
// cookie larger than 4 KB is split into `<name>.0`, `<name>.1`, … (ours never are: they carry an
// id and how the person signed in — but a split one is read the same way Auth.js reads it).

export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** A session's cookie is re-issued with a fresh expiry once it is this old (sliding expiry). */
export const SESSION_REFRESH_AFTER_SECONDS = 5 * 60;

export interface SessionCookie {
  name: (typeof SESSION_COOKIE_NAMES)[number];
  value: string;
  /** Sent in chunks: left to Auth.js to re-issue (a single cookie would leave the old chunks behind). */
  chunked: boolean;
}

export interface SessionClaims {
  uid: string;
  amr?: unknown;
  idp?: unknown;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

function parseCookies(header: string): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name || jar.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      jar.set(name, decodeURIComponent(value));
    } catch {
      jar.set(name, value);
    }
  }
  return jar;
}

/** The session cookie a request carries, whole or reassembled from its chunks; null without one. */
export function sessionCookieOf(cookieHeader: string | null | undefined): SessionCookie | null {
  if (!cookieHeader || !cookieHeader.includes("authjs.session-token")) return null;
  const jar = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIE_NAMES) {
    const whole = jar.get(name);
    if (whole) return { name, value: whole, chunked: false };
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length > 0) return { name, value: chunks.join(""), chunked: true };
  }
  return null;
}

/** Auth.js's secrets in its own order (lib/utils/env.js): AUTH_SECRET_3…1 first, then AUTH_SECRET. */
export function sessionSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets: string[] = [];
  if (env.AUTH_SECRET) secrets.push(env.AUTH_SECRET);
  for (const i of [1, 2, 3]) {
    const secret = env[`AUTH_SECRET_${i}`];
    if (secret) secrets.unshift(secret);
  }
  return secrets;
}

/** The claims of a valid, unexpired session cookie that names a user; null for anything else. */
export async function decodeSessionCookie(cookie: SessionCookie, secrets = sessionSecrets()): Promise<SessionClaims | null> {
  if (secrets.length === 0) return null;
  try {
    const payload = await decode({ token: cookie.value, secret: secrets, salt: cookie.name });
    if (!payload || typeof payload.uid !== "string" || typeof payload.exp !== "number" || typeof payload.iat !== "number") return null;
    // jose checks `exp` with 15 s of tolerance; a session is over at its expiry exactly.
    if (payload.exp * 1000 <= Date.now()) return null;
    return payload as SessionClaims;
  } catch {
    return null;
  }
}

/**
 * The Set-Cookie header that slides a session forward (a fresh expiry, the same claims), when the
 * session was issued more than SESSION_REFRESH_AFTER_SECONDS ago; null while it is fresh.
 * Attributes as Auth.js sets them: HttpOnly, SameSite=Lax, Path=/, Secure for the __Secure- name.
 */
export async function refreshedSessionCookie(cookie: SessionCookie, claims: SessionClaims, maxAgeSeconds: number, now = Date.now(), secrets = sessionSecrets()): Promise<string | null> {
  if (secrets.length === 0 || cookie.chunked || now / 1000 - claims.iat < SESSION_REFRESH_AFTER_SECONDS) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims;
  const value = await encode({ token: rest, secret: secrets, salt: cookie.name, maxAge: maxAgeSeconds });
  const expires = new Date(now + maxAgeSeconds * 1000).toUTCString();
  const secure = cookie.name.startsWith("__Secure-") ? "; Secure" : "";
  return `${cookie.name}=${value}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${secure}`;
}
