"use client";
import { useTranslations } from "next-intl";
import { Check, Copy } from "lucide-react";
import { useCopy } from "./use-copy";

/**
 * An id or URL in monospace that wraps instead of widening the page, with a copy button beside
 * it. The button keeps its name (「IDをコピー」); a polite live region says 「IDをコピーしました」
 * once the clipboard has it, so a screen reader hears the result without losing its place.
 */
export function CopyValue({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const t = useTranslations("templates");
  const { copied, copy } = useCopy();
  return (
    <span className="inline-flex min-w-0 max-w-full items-center gap-1">
      <code className="min-w-0 break-all font-mono text-xs text-ink" data-testid={testId}>
        {value}
      </code>
      <button
        type="button"
        aria-label={t("copy", { label })}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded text-muted hover:bg-black/5 hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-600"
        onClick={() => void copy(value)}
      >
        {copied ? <Check className="size-3.5 text-emerald-700" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      </button>
      <span role="status" className="sr-only">
        {copied ? t("copied", { label }) : ""}
      </span>
    </span>
  );
}
