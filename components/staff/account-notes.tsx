"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useAccountNotes, useCreateAccountNote } from "@/lib/client/staff/use-account-notes";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** Staff-only notes on the account; never shown to the customer. */
export function AccountNotes({ slug }: { slug: string }) {
  const t = useTranslations("staff.notes");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const notes = useAccountNotes(slug);
  const create = useCreateAccountNote(slug);
  const [body, setBody] = useState("");
  const items = notes.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === "") return;
    try {
      await create.mutateAsync(body.trim());
      setBody("");
      toast.success(t("added"));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-4">
        <form onSubmit={submit} className="space-y-2">
          <TextAreaField label={t("label")} placeholder={t("placeholder")} rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
          <div className="flex justify-end">
            <Button type="submit" size="sm" disabled={create.isPending || body.trim() === ""}>
              {t("add")}
            </Button>
          </div>
        </form>
        {notes.isLoading ? (
          <Skeleton className="h-16 w-full" />
        ) : notes.error ? (
          <p role="alert" className="text-sm text-red-800">
            {errorMessage(notes.error)}
          </p>
        ) : items.length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-line">
            {items.map((n) => (
              <li key={n.id} className="py-3" data-testid="account-note">
                <p className="whitespace-pre-wrap text-sm">{n.body}</p>
                <p className="mt-1 text-xs text-muted" title={formatDateTime(n.createdAt, locale)}>
                  {n.author.name} · {formatRelative(n.createdAt, locale)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {notes.hasNextPage ? (
          <Button variant="secondary" size="sm" onClick={() => void notes.fetchNextPage()} disabled={notes.isFetchingNextPage}>
            {notes.isFetchingNextPage ? tc("loading") : tc("loadMore")}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  );
}
