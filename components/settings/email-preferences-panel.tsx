"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { api, ok } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EmailPreferences } from "@/lib/domain/notification-routing";

const KEY = ["me", "notification-preferences"] as const;

export function EmailPreferencesPanel() {
  const t = useTranslations("settings.notifications");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: KEY, queryFn: () => ok<EmailPreferences>(api.GET("/api/v1/me/notification-preferences")) });
  const save = useMutation({
    mutationFn: (next: EmailPreferences) => ok<EmailPreferences>(api.PUT("/api/v1/me/notification-preferences", { body: next })),
    onSuccess: (data) => {
      qc.setQueryData(KEY, data);
      toast.success(t("saved"));
    },
    onError: (e) => toast.error(errorMessage(e)),
  });
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        {prefs.isLoading ? (
          <Skeleton className="h-40 w-full" />
        ) : prefs.error ? (
          <p role="alert" className="text-sm text-red-800">{errorMessage(prefs.error)}</p>
        ) : (
          <fieldset className="space-y-3" disabled={save.isPending}>
            <legend className="sr-only">{t("title")}</legend>
            {prefs.data!.categories.map(({ category, email }) => (
              <label key={category} className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-brand-600"
                  checked={email}
                  onChange={(e) =>
                    save.mutate({ categories: prefs.data!.categories.map((c) => (c.category === category ? { category, email: e.target.checked } : c)) })
                  }
                />
                <span>
                  <span className="font-medium">{t(`categories.${category}.label`)}</span>
                  <span className="block text-muted">{t(`categories.${category}.description`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
      </CardBody>
    </Card>
  );
}
