"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { ToastProvider } from "@/components/ui/toaster";
import { makeQueryClient } from "@/lib/client/query-client";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const t = useTranslations("common");
  return (
    <QueryClientProvider client={client}>
      <ToastProvider dismissLabel={t("dismiss")}>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
