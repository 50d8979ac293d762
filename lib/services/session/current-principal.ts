import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { auth } from "@/lib/auth/next-auth";
import { clientAddressOf } from "@/lib/auth/client-address";
import { principalForUser } from "@/lib/auth/load-principal";
import { amrOf } from "@/lib/auth/session-amr";
import type { Principal } from "@/lib/auth/principal";
import { newId } from "@/lib/domain/ids";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";

/** The signed-in person for a page render (cached per request), or null. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const h = await headers();
  return principalForUser(await getDb(), userId, {
    requestId: h.get("x-request-id") ?? newId("request"),
    ip: clientAddressOf(h),
    userAgent: h.get("user-agent"),
    locale: localeFromAcceptLanguage(h.get("accept-language")),
  }, amrOf(session));
});
