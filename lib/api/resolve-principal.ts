import "server-only";
import type { Db } from "@/lib/db/client";
import { principalForToken } from "@/lib/auth/load-principal";
import type { Principal, RequestContext } from "@/lib/auth/principal";
import { principalForSessionCookie } from "@/lib/auth/session-principal";

// Cookie (browser) or bearer token (automation) → one Principal. A bearer header that does not
// resolve is a 401 even if a cookie is present: automation must never silently act as a user.
// Neither path needs Next: both run the same in Next's route handlers and in the server's API
// edge (lib/server/api-edge.ts).

export type Resolution =
  | { kind: "principal"; principal: Principal; via: "api_token" }
  | { kind: "principal"; principal: Principal; via: "session"; setCookie: string | null }
  | { kind: "anonymous" }
  | { kind: "invalid_token" };

export async function resolvePrincipal(db: Db, request: Request, context: RequestContext): Promise<Resolution> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { kind: "invalid_token" };
    const principal = await principalForToken(db, match[1], context);
    return principal ? { kind: "principal", principal, via: "api_token" } : { kind: "invalid_token" };
  }
  const session = await principalForSessionCookie(db, request.headers.get("cookie"), context);
  return session ? { kind: "principal", principal: session.principal, via: "session", setCookie: session.setCookie } : { kind: "anonymous" };
}
