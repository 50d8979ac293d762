"use client";
import { useMemo, type ReactNode } from "react";
import { NextIntlClientProvider, useLocale, useMessages } from "next-intl";

// A nested provider replaces its parent's messages; this one adds to them (the layouts above
// have sent theirs already). Time zone, formats and the clock come from the parent provider.
export function MoreMessages({ messages, children }: { messages: Record<string, unknown>; children: ReactNode }) {
  const locale = useLocale();
  const parent = useMessages();
  const merged = useMemo(() => ({ ...parent, ...messages }), [parent, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged as typeof parent}>
      {children}
    </NextIntlClientProvider>
  );
}
