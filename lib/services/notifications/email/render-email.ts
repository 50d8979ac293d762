import { createTranslator } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";

// A notification as an e-mail in its reader's language, from the same catalogs as the bell.

export interface RenderedEmail {
  subject: string;
  text: string;
}

function lookup(tree: unknown, path: string): string | undefined {
  let node = tree;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * The message with its values, as the bell shows it: ICU plurals ("{n, plural, one {# GPU} other
 * {# GPUs}}") through next-intl's formatter; a value the notification did not record stays "{name}".
 */
function interpolate(text: string, params: Record<string, string | number>, locale: Locale): string {
  const simple = () => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  if (!/\{\w+, (plural|select)/.test(text)) return simple();
  const t = createTranslator({ locale, messages: { text }, onError: () => undefined, getMessageFallback: simple });
  return t("text", params);
}

const FRAME = {
  ja: { greeting: (name: string) => `${name} 様`, open: "詳細はこちら:", footer: "このメールは Hinoki コンソールの通知設定に基づいて送信されています。配信は「組織設定 › 通知」で変更できます。" },
  en: { greeting: (name: string) => `Dear ${name},`, open: "Details:", footer: "You receive this e-mail because of your Hinoki console notification settings. Change them under Settings › Notifications." },
} as const;

export function renderNotificationEmail(
  notification: { titleKey: string; bodyKey: string; params: Record<string, string | number>; link: string | null },
  recipient: { name: string; locale: Locale },
  consoleUrl: string,
): RenderedEmail {
  const catalog = (MESSAGES[recipient.locale] as Record<string, unknown>).notifications;
  const messages = (catalog as Record<string, unknown> | undefined)?.messages;
  const title = lookup(messages, notification.titleKey) ?? notification.titleKey;
  const body = lookup(messages, notification.bodyKey) ?? "";
  const frame = FRAME[recipient.locale];
  const lines = [frame.greeting(recipient.name), "", interpolate(body, notification.params, recipient.locale)];
  if (notification.link) lines.push("", frame.open, `${consoleUrl}${notification.link}`);
  lines.push("", "--", frame.footer, "Hinoki Cloud株式会社");
  return { subject: `[Hinoki] ${interpolate(title, notification.params, recipient.locale)}`, text: lines.join("\n") };
}
