"use client";
import { useState } from "react";
import { Check, Copy, Download } from "lucide-react";
import { Button } from "./button";

/** A secret shown once: selectable text, copy and download. */
export function CopySecret({ value, filename, labels }: { value: string; filename?: string; labels: { copy: string; copied: string; download: string } }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(value).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([value], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename ?? "secret.txt";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="space-y-2">
      <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md border border-line bg-canvas p-3 font-mono text-xs" data-testid="secret-value">
        {value}
      </pre>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" onClick={copy}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? labels.copied : labels.copy}
        </Button>
        {filename ? (
          <Button variant="secondary" size="sm" onClick={download}>
            <Download className="size-4" aria-hidden />
            {labels.download}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
