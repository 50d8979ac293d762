import en from "@/lib/i18n/messages/en/cli.json";
import ja from "@/lib/i18n/messages/ja/cli.json";
import type { Locale } from "@/lib/i18n/locales";

// The CLI speaks the terminal's language: --lang, then HINOKI_LANG, then the POSIX locale
// (LC_ALL, LC_MESSAGES, LANG). Japanese when the locale is Japanese or none is set; English for
// any other. Its words live in the console's catalogs (lib/i18n/messages/*/cli.json).

export function cliLocale(flag: string | undefined, env: Record<string, string | undefined> = process.env): Locale {
  const chosen = flag ?? env.HINOKI_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG;
  if (!chosen) return "ja";
  return chosen.toLowerCase().startsWith("ja") ? "ja" : "en";
}

type Catalog = typeof ja;
// Not part of MESSAGES (lib/i18n/messages/index.ts): those are sent to every browser, and these
// words are only ever printed in a terminal. lib/cli/locale.test.ts checks their parity.
export const CLI_CATALOGS: Record<Locale, Catalog> = { ja, en };

export type Translate = (key: keyof Catalog, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, values) => CLI_CATALOGS[locale][key].replace(/\{(\w+)\}/g, (_: string, name: string) => String(values?.[name] ?? `{${name}}`));
}
