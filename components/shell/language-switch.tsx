"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Languages } from "lucide-react";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { api } from "@/lib/client/api";

/** Switches the UI language (cookie, one year) and tells the server when signed in. */
export function LanguageSwitch({ persist }: { persist?: boolean }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const change = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    if (persist) {
      void api.PATCH("/api/v1/me", { body: { locale: next } }).catch(() => undefined);
    }
    startTransition(() => router.refresh());
  };
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-muted">
      <Languages className="size-4" aria-hidden />
      <span className="sr-only">{t("language")}</span>
      <select
        className="rounded border border-line bg-white px-1.5 py-1 text-sm text-ink"
        value={locale}
        disabled={pending}
        onChange={(e) => change(e.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
