"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Send, Square } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useQueryClient } from "@tanstack/react-query";
import { useCan, useOrg } from "@/components/shell/org-context";
import { endpointKeys } from "@/lib/client/endpoints/keys";
import { streamPlaygroundChat, type PlaygroundMessage, type StreamProgress } from "@/lib/client/endpoints/playground-stream";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointView } from "@/lib/domain/endpoints";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { PlaygroundModelPicker } from "@/components/adapters/playground-model-picker";
import { CodeSnippets } from "./code-snippets";
import { SimulatedBadge } from "./endpoint-status-badge";

interface Turn {
  role: "user" | "assistant";
  content: string;
  stats?: StreamProgress;
}

export function EndpointPlayground({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("endpoints.playground");
  const td = useTranslations("endpoints.detail");
  const locale = useLocale() as Locale;
  const { slug } = useOrg();
  const canUse = useCan("endpoints.keys");
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const [system, setSystem] = useState("");
  const [adapter, setAdapter] = useState("");
  const [draft, setDraft] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [streaming, setStreaming] = useState<StreamProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const serving = endpoint.status === "running" || endpoint.status === "updating";

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const content = draft.trim();
    if (!content || streaming) return;
    const history: Turn[] = [...turns, { role: "user", content }];
    setTurns(history);
    setDraft("");
    setError(null);
    const messages: PlaygroundMessage[] = [...(system.trim() ? [{ role: "system" as const, content: system.trim() }] : []), ...history.map((h) => ({ role: h.role, content: h.content }))];
    const controller = new AbortController();
    abort.current = controller;
    setStreaming({ text: "", ttftMs: null, elapsedMs: 0, usage: null, simulated: endpoint.simulated, coldStart: false });
    try {
      const result = await streamPlaygroundChat(slug, endpoint.id, messages, setStreaming, controller.signal, adapter || undefined);
      setTurns([...history, { role: "assistant", content: result.text, stats: result }]);
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError(errorMessage(e));
    } finally {
      setStreaming(null);
      abort.current = null;
      void qc.invalidateQueries({ queryKey: endpointKeys.detail(slug, endpoint.id) });
    }
  };

  const ms = (value: number | null) => (value === null ? "—" : t("ms", { value: formatNumber(Math.round(value), locale) }));
  const Stats = ({ stats }: { stats: StreamProgress }) => (
    <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" data-testid="playground-stats">
      <div className="flex gap-1"><dt>{t("ttft")}:</dt><dd className="tabular">{ms(stats.ttftMs)}</dd></div>
      <div className="flex gap-1"><dt>{t("latency")}:</dt><dd className="tabular">{ms(stats.elapsedMs)}</dd></div>
      <div className="flex gap-1"><dt>{t("tokensIn")}:</dt><dd className="tabular" data-testid="tokens-in">{stats.usage ? formatNumber(stats.usage.prompt_tokens, locale) : "—"}</dd></div>
      <div className="flex gap-1"><dt>{t("tokensOut")}:</dt><dd className="tabular" data-testid="tokens-out">{stats.usage ? formatNumber(stats.usage.completion_tokens, locale) : "—"}</dd></div>
      {stats.coldStart ? <div className="text-sky-800">{t("coldStart")}</div> : null}
    </dl>
  );

  const Bubble = ({ turn, live }: { turn: Turn; live?: boolean }) => (
    <li className={turn.role === "user" ? "ml-12 rounded-lg bg-brand-50 px-4 py-3" : "mr-12 rounded-lg border border-line bg-white px-4 py-3"} data-testid={turn.role === "assistant" ? "assistant-message" : "user-message"}>
      <div className="mb-1 flex items-center gap-2 text-xs font-semibold text-muted">
        {turn.role === "user" ? t("you") : t("assistant")}
        {turn.role === "assistant" && (turn.stats?.simulated ?? endpoint.simulated) ? <SimulatedBadge /> : null}
      </div>
      <p className="whitespace-pre-wrap text-sm" aria-live={live ? "polite" : undefined}>
        {turn.content}
        {live ? <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-slate-400 align-middle" aria-hidden /> : null}
      </p>
      {turn.stats ? <Stats stats={turn.stats} /> : null}
    </li>
  );

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader title={t("title")} description={t("description")} actions={turns.length ? <Button variant="ghost" size="sm" onClick={() => setTurns([])}>{t("clear")}</Button> : null} />
        <CardBody className="space-y-4">
          {!canUse ? (
            <p className="text-sm text-muted">{t("noPermission")}</p>
          ) : !serving ? (
            <p className="text-sm text-muted">{td("notReady")}</p>
          ) : (
            <>
              <PlaygroundModelPicker slug={slug} endpointId={endpoint.id} baseModelId={endpoint.modelId} value={adapter} onChange={setAdapter} />
              <TextField label={t("system")} value={system} onChange={(e) => setSystem(e.target.value)} maxLength={4000} />
              <ul className="space-y-3" aria-label={t("title")}>
                {turns.map((turn, i) => (
                  <Bubble key={i} turn={turn} />
                ))}
                {streaming ? <Bubble turn={{ role: "assistant", content: streaming.text, stats: streaming }} live /> : null}
              </ul>
              {error ? (
                <p role="alert" className="text-sm text-red-700">
                  {error}
                </p>
              ) : null}
              <form onSubmit={send} className="space-y-2">
                <TextAreaField
                  label={t("message")}
                  placeholder={t("placeholder")}
                  rows={3}
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void send(e as unknown as FormEvent);
                  }}
                />
                <div className="flex justify-end gap-2">
                  {streaming ? (
                    <Button variant="secondary" onClick={() => abort.current?.abort()}>
                      <Square className="size-4" aria-hidden />
                      {t("stop")}
                    </Button>
                  ) : null}
                  <Button type="submit" disabled={!draft.trim() || streaming !== null}>
                    <Send className="size-4" aria-hidden />
                    {streaming ? t("sending") : t("send")}
                  </Button>
                </div>
              </form>
            </>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("code")} description={t("codeDescription")} />
        <CardBody>
          <CodeSnippets baseUrl={`${origin}${endpoint.basePath}`} model={adapter ? `${endpoint.modelId}:${adapter}` : endpoint.modelId} />
        </CardBody>
      </Card>
    </div>
  );
}
