import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { clientAddressOf } from "@/lib/auth/client-address";
import { principalForSessionCookie } from "@/lib/auth/session-principal";
import type { Principal } from "@/lib/auth/principal";
import { newId } from "@/lib/domain/ids";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";

/** The signed-in person for a page render (cached per request), or null. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const h = await headers();
  const session = await principalForSessionCookie(await getDb(), h.get("cookie"), {
    requestId: h.get("x-request-id") ?? newId("request"),
    ip: clientAddressOf(h),
    userAgent: h.get("user-agent"),
    locale: localeFromAcceptLanguage(h.get("accept-language")),
  });
  return session?.principal ?? null;
});
