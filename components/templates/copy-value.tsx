"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Check, Copy } from "lucide-react";

/** An id or URL in monospace that wraps instead of widening the page, with a copy button beside it. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const t = useTranslations("templates");
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex min-w-0 max-w-full items-center gap-1">
      <code className="min-w-0 break-all font-mono text-xs text-ink">{value}</code>
      <button
        type="button"
        className="inline-flex size-6 shrink-0 items-center justify-center rounded text-muted hover:bg-black/5 hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-600"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        <span className="sr-only">{copied ? t("copied", { label }) : t("copy", { label })}</span>
      </button>
    </span>
  );
}
