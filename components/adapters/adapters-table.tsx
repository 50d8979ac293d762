"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useAdapters, useDeleteAdapter, useUploadAdapterWeights } from "@/lib/client/adapters/use-adapters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { Adapter } from "@/lib/domain/adapters/adapters-api";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { formatBytes } from "./format-bytes";
import { UploadProgress } from "./upload-progress";

/** The org's adapters: base model, rank, size, checksum and state; upload the weights again or delete (refused while attached, and the row says why). */
export function AdaptersTable({ slug, canWrite }: { slug: string; canWrite: boolean }) {
  const t = useTranslations("adapters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const toast = useToast();
  const list = useAdapters(slug);
  const remove = useDeleteAdapter(slug);
  const [deleting, setDeleting] = useState<Adapter | null>(null);

  if (list.isLoading) {
    return (
      <div aria-busy="true" aria-label={t("list.loading")}>
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (list.error) {
    return (
      <div role="alert" className="flex items-center gap-3 p-4 text-sm text-red-800">
        {t("list.failed")} {errorMessage(list.error)}
        <Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
          {t("list.retry")}
        </Button>
      </div>
    );
  }
  const adapters = list.data ?? [];
  if (adapters.length === 0) return <EmptyState title={t("list.emptyTitle")} description={t("list.emptyDescription")} />;

  return (
    <>
      <Table aria-label={t("list.title")}>
        <thead>
          <tr>
            <Th>{t("list.name")}</Th>
            <Th>{t("list.baseModel")}</Th>
            <Th numeric>{t("list.rank")}</Th>
            <Th numeric>{t("list.size")}</Th>
            <Th>{t("list.checksum")}</Th>
            <Th>{t("list.state")}</Th>
            {canWrite ? <Th>{t("list.actions")}</Th> : null}
          </tr>
        </thead>
        <tbody>
          {adapters.map((a) => (
            <tr key={a.id} data-testid="adapter-row">
              <Td className="font-medium">
                {a.name}
                {a.description ? <p className="text-xs font-normal text-muted">{a.description}</p> : null}
              </Td>
              <Td className="font-mono text-xs">{a.baseModelId}</Td>
              <Td numeric>{formatNumber(a.rank, locale)}</Td>
              <Td numeric>{a.weights ? formatBytes(a.weights.bytes, locale) : "—"}</Td>
              <Td className="font-mono text-xs" title={a.weights?.sha256}>
                {a.weights ? `${a.weights.sha256.slice(0, 12)}…` : "—"}
              </Td>
              <Td>
                <Badge tone={a.status === "ready" ? "success" : "warning"}>{t(`status.${a.status}`)}</Badge>
                {a.attachedEndpointIds.length > 0 ? <p className="mt-1 text-xs text-muted">{t("list.attachedTo", { count: a.attachedEndpointIds.length })}</p> : null}
              </Td>
              {canWrite ? (
                <Td>
                  <div className="flex flex-wrap items-center gap-2">
                    {a.status === "awaiting_weights" ? <ReuploadButton slug={slug} adapter={a} /> : null}
                    <Button variant="secondary" size="sm" onClick={() => setDeleting(a)}>
                      {t("list.delete")}
                      <span className="sr-only"> {a.name}</span>
                    </Button>
                  </div>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={deleting !== null}
        onCancel={() => setDeleting(null)}
        title={deleting ? t("delete.title", { name: deleting.name }) : ""}
        description={
          deleting && deleting.attachedEndpointIds.length > 0 ? (
            <span id={`blocked-${deleting.id}`} role="alert" className="text-red-800">
              {t("list.deleteBlocked")}
            </span>
          ) : (
            t("delete.description")
          )
        }
        confirmLabel={t("delete.confirm")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending || (deleting?.attachedEndpointIds.length ?? 0) > 0}
        onConfirm={() => {
          const target = deleting;
          if (!target) return;
          remove.mutate(target.id, {
            onSuccess: () => {
              toast.success(t("delete.deleted", { name: target.name }));
              setDeleting(null);
            },
            // The server refuses while attached (an attach may have started since the list was read): its words say why.
            onError: (error) => toast.error(errorMessage(error)),
          });
        }}
      />
    </>
  );
}

function ReuploadButton({ slug, adapter }: { slug: string; adapter: Adapter }) {
  const t = useTranslations("adapters");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const upload = useUploadAdapterWeights(slug);
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const send = async (file: File) => {
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    try {
      await upload.mutateAsync({ id: adapter.id, file, onProgress: setProgress, signal: controller.signal });
      toast.success(t("register.uploaded", { name: adapter.name }));
    } catch (e) {
      if ((e as Error).name !== "AbortError") toast.error(errorMessage(e));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  };

  if (progress !== null) return <UploadProgress fraction={progress} onCancel={() => abort.current?.abort()} />;
  return (
    <>
      <input ref={input} type="file" accept=".safetensors,application/octet-stream" className="sr-only" tabIndex={-1} aria-hidden onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])} />
      <Button size="sm" onClick={() => input.current?.click()}>
        {t("list.uploadWeights")}
        <span className="sr-only"> {adapter.name}</span>
      </Button>
    </>
  );
}
