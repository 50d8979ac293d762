import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { clientMessagesOf } from "@/components/i18n/client-messages";
import { Providers } from "@/components/shell/providers";
import { TIME_ZONE } from "@/lib/i18n/locales";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hinoki", template: "%s | Hinoki" },
  description: "Hinoki — 国産GPUクラウドのコンソール",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Only what every page's browser code shows; each layout below adds its own (client-messages.tsx).
  const messages = await clientMessagesOf("app/layout.tsx");
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
