import "server-only";
import type { Db } from "@/lib/db/client";
import { principalForUser } from "./load-principal";
import type { Principal, RequestContext } from "./principal";
import { amrOf } from "./session-amr";
import { decodeSessionCookie, refreshedSessionCookie, sessionCookieOf } from "./session-cookie";
import { cachedSession, rememberSession } from "./session-principal-cache";
import { SESSION_MAX_AGE_SECONDS } from "./session-max-age";

// The one way a session cookie becomes a Principal — for page renders (Next) and for API calls
// (Next or the server's API edge alike). Auth.js still issues and ends sessions (sign-in,
// sign-out, the SSO round trip); reading one is decrypting Auth.js's JWT with Auth.js's own
// function and loading the person, cached for a few seconds (session-principal-cache.ts).

export interface SessionResolution {
  principal: Principal;
  /** Slides the session forward; only an API response can carry it (a page render cannot set cookies). */
  setCookie: string | null;
}

export async function principalForSessionCookie(db: Db, cookieHeader: string | null | undefined, context: RequestContext, now = Date.now()): Promise<SessionResolution | null> {
  const cookie = sessionCookieOf(cookieHeader);
  if (!cookie) return null;
  let session = cachedSession(cookie.value, now);
  if (!session) {
    const claims = await decodeSessionCookie(cookie);
    if (!claims) return null;
    const principal = await principalForUser(db, claims.uid, context, amrOf(claims));
    if (!principal) return null;
    const { context: _context, ...cacheable } = principal;
    session = { principal: cacheable, claims };
    rememberSession(cookie.value, session, now);
  }
  const setCookie = await refreshedSessionCookie(cookie, session.claims, SESSION_MAX_AGE_SECONDS, now);
  return { principal: { ...session.principal, context }, setCookie };
}
