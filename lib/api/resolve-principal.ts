import "server-only";
import type { Db } from "@/lib/db/client";
import { principalForToken, principalForUser } from "@/lib/auth/load-principal";
import type { Principal, RequestContext } from "@/lib/auth/principal";
import { auth } from "@/lib/auth/next-auth";
import { amrOf } from "@/lib/auth/session-amr";

// Cookie (browser) or bearer token (automation) → one Principal. A bearer header that does not
// resolve is a 401 even if a cookie is present: automation must never silently act as a user.

export type Resolution =
  | { kind: "principal"; principal: Principal; via: "session" | "api_token" }
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
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { kind: "anonymous" };
  const principal = await principalForUser(db, userId, context, amrOf(session));
  return principal ? { kind: "principal", principal, via: "session" } : { kind: "anonymous" };
}
