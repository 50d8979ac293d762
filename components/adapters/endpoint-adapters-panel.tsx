"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { OperationProgress } from "@/components/operations/operation-progress";
import { OperationStatusBadge } from "@/components/operations/operation-status-badge";
import { useOperationEndToast } from "@/components/operations/use-operation-end-toast";
import { useOperationWords } from "@/components/operations/use-operation-words";
import { useAdapters, useAttachAdapter, useDetachAdapter, useEndpointAdapters } from "@/lib/client/adapters/use-adapters";
import { isOpen, useOperations } from "@/lib/client/operations/use-operations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointAdapter } from "@/lib/domain/adapters/endpoint-adapters-api";
import type { EndpointView } from "@/lib/domain/endpoints";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

const STATE_TONE = { attaching: "info", attached: "success", detaching: "warning" } as const;

/** The adapters an endpoint serves: attach one of the org's adapters of the same base model (up to the shape's limit), detach with confirmation; both are operations, followed here. */
export function EndpointAdaptersPanel({ endpoint: e }: { endpoint: EndpointView }) {
  const t = useTranslations("adapters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const { slug } = useOrg();
  const canWrite = useCan("endpoints.write");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const words = useOperationWords();
  const attached = useEndpointAdapters(slug, e.id);
  const adapters = useAdapters(slug, e.modelId);
  const attach = useAttachAdapter(slug, e.id);
  const detach = useDetachAdapter(slug, e.id);
  const [choice, setChoice] = useState("");
  const [detaching, setDetaching] = useState<EndpointAdapter | null>(null);
  // Adapter operations name the adapter as their target; the endpoint is in what was asked.
  const operations = useOperations(slug, { targetKind: "adapter" }, { live: attached.data?.items.some((a) => a.state !== "attached"), limit: 50 });
  const ours = (operations.data?.pages.flatMap((p) => p.items) ?? []).filter((op) => op.request.endpointId === e.id);
  const open = ours.filter(isOpen);
  useOperationEndToast(slug, open[0]);

  if (attached.isLoading) return <Skeleton className="h-40 w-full" />;
  if (attached.error || !attached.data) {
    return (
      <p role="alert" className="text-sm text-red-800">
        {errorMessage(attached.error)}
      </p>
    );
  }
  const { items, maxAdapters } = attached.data;
  const taken = new Set(items.map((a) => a.adapterId));
  const candidates = (adapters.data ?? []).filter((a) => a.status === "ready" && !taken.has(a.id));
  const full = items.length >= maxAdapters;
  const running = e.status === "running";
  const selected = candidates.find((a) => a.id === choice) ?? candidates[0];

  const submitAttach = (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    attach.mutate(selected.id, {
      onSuccess: () => toast.success(t("endpoint.attachSubmitted", { name: selected.name })),
      onError: (error) => toast.error(errorMessage(error)),
    });
  };

  return (
    <div className="space-y-6">
      {open.map((op) => (
        <Card key={op.id}>
          <CardBody>
            <p className="mb-2 text-sm font-medium">{op.target.name}</p>
            <OperationProgress operation={op} />
          </CardBody>
        </Card>
      ))}
      <Card>
        <CardHeader
          title={t("endpoint.title")}
          description={t("endpoint.description", { model: e.modelId, max: maxAdapters, count: items.length })}
          actions={
            <Button asChild variant="secondary" size="sm">
              <Link href={`/${slug}/endpoints/adapters`}>{t("endpoint.manage")}</Link>
            </Button>
          }
        />
        {items.length === 0 ? (
          <p className="p-4 text-sm text-muted">{t("endpoint.empty")}</p>
        ) : (
          <Table aria-label={t("endpoint.title")}>
            <thead>
              <tr>
                <Th>{t("list.name")}</Th>
                <Th>{t("endpoint.model")}</Th>
                <Th>{t("endpoint.state")}</Th>
                <Th>{t("endpoint.attachedAt")}</Th>
                {canWrite ? <Th>{t("list.actions")}</Th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.adapterId} data-testid="endpoint-adapter-row">
                  <Td className="font-medium">{a.name}</Td>
                  <Td>
                    <code className="font-mono text-xs">{a.model}</code>
                  </Td>
                  <Td>
                    <Badge tone={STATE_TONE[a.state]}>{t(`state.${a.state}`)}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(a.attachedAt, locale)}</Td>
                  {canWrite ? (
                    <Td>
                      <Button variant="secondary" size="sm" disabled={a.state !== "attached" || !running} onClick={() => setDetaching(a)}>
                        {t("endpoint.detach")}
                        <span className="sr-only"> {a.name}</span>
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {canWrite ? (
          <CardBody className="border-t border-line">
            {!running ? (
              <p className="text-sm text-muted">{t("endpoint.notRunning")}</p>
            ) : full ? (
              <p className="text-sm text-muted">{t("endpoint.limitReached", { max: maxAdapters })}</p>
            ) : adapters.isLoading ? (
              <Skeleton className="h-9 w-64" />
            ) : candidates.length === 0 ? (
              <p className="text-sm text-muted">{t("endpoint.noCandidates")}</p>
            ) : (
              <form onSubmit={submitAttach} className="flex flex-wrap items-end gap-3">
                <SelectField className="min-w-64" label={t("endpoint.attachLabel")} value={selected?.id ?? ""} onChange={(ev) => setChoice(ev.target.value)}>
                  {candidates.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name} (r{a.rank})
                    </option>
                  ))}
                </SelectField>
                <Button type="submit" disabled={attach.isPending}>
                  {t("endpoint.attach")}
                </Button>
              </form>
            )}
          </CardBody>
        ) : null}
      </Card>
      {ours.length > 0 ? (
        <Card>
          <CardHeader title={t("endpoint.history")} />
          <Table aria-label={t("endpoint.history")}>
            <tbody>
              {ours.slice(0, 10).map((op) => (
                <tr key={op.id} data-testid="adapter-operation-row">
                  <Td>{words.kind(op.kind)}</Td>
                  <Td className="font-medium">{op.target.name ?? op.target.id}</Td>
                  <Td>
                    <OperationStatusBadge status={op.status} />
                    {op.error ? <p className="text-xs text-red-700">{op.error.message}</p> : null}
                  </Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(op.startedAt, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
      <ConfirmDialog
        open={detaching !== null}
        onCancel={() => setDetaching(null)}
        title={detaching ? t("endpoint.detachTitle", { name: detaching.name }) : ""}
        description={detaching ? t("endpoint.detachDescription", { model: detaching.model }) : undefined}
        confirmLabel={t("endpoint.detach")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={detach.isPending}
        onConfirm={() => {
          const target = detaching;
          if (!target) return;
          detach.mutate(target.adapterId, {
            onSuccess: () => {
              toast.success(t("endpoint.detachSubmitted", { name: target.name }));
              setDetaching(null);
            },
            onError: (error) => toast.error(errorMessage(error)),
          });
        }}
      />
    </div>
  );
}
