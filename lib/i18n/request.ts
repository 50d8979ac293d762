import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { MESSAGES } from "./messages";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, TIME_ZONE } from "./locales";

// next-intl without locale routing: the cookie set by the language switch decides, then the
// browser's Accept-Language, then Japanese.
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: TIME_ZONE, now: new Date() };
});
