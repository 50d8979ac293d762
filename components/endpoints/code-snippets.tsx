"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useCopy } from "@/components/templates/use-copy";

const LANGUAGES = ["curl", "python", "typescript"] as const;
type Language = (typeof LANGUAGES)[number];
const LABELS: Record<Language, string> = { curl: "curl", python: "Python", typescript: "TypeScript" };

export function snippet(language: Language, baseUrl: string, model: string): string {
  const question = "日本の首都はどこですか？";
  switch (language) {
    case "curl":
      return `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $HINOKI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${model}",
    "messages": [{"role": "user", "content": "${question}"}],
    "stream": true
  }'`;
    case "python":
      return `# pip install openai
import os
from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key=os.environ["HINOKI_API_KEY"],
)

stream = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "${question}"}],
    stream=True,
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="", flush=True)`;
    case "typescript":
      return `// npm install openai
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${baseUrl}",
  apiKey: process.env.HINOKI_API_KEY,
});

const stream = await client.chat.completions.create({
  model: "${model}",
  messages: [{ role: "user", content: "${question}" }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}`;
  }
}

/** Copyable examples with the official `openai` client, pointed at this endpoint. */
export function CodeSnippets({ baseUrl, model }: { baseUrl: string; model: string }) {
  const t = useTranslations("endpoints.playground");
  const tc = useTranslations("common");
  const [language, setLanguage] = useState<Language>("curl");
  const { copied, copy } = useCopy();
  const code = snippet(language, baseUrl, model);
  return (
    <div>
      <div className="mb-2 flex items-center justify-between gap-2">
        <div role="tablist" aria-label={t("code")} className="flex gap-1">
          {LANGUAGES.map((l) => (
            <button key={l} type="button" role="tab" aria-selected={language === l} onClick={() => setLanguage(l)} className={cn("rounded px-3 py-1 text-xs font-medium", language === l ? "bg-slate-900 text-white" : "text-muted hover:bg-black/5")}>
              {LABELS[l]}
            </button>
          ))}
        </div>
        <Button variant="secondary" size="sm" onClick={() => void copy(code)}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {t("copySnippet")}
        </Button>
        <span role="status" className="sr-only">
          {copied ? tc("copied") : ""}
        </span>
      </div>
      <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100" data-testid={`snippet-${language}`}>
        {code}
      </pre>
    </div>
  );
}
