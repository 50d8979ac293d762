import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";

export const metadata: Metadata = { title: "API" };

// The API reference, rendered on the server from the same OpenAPI document the API serves:
// no client JavaScript, nothing loaded from another host.

type Op = { operationId: string; summary: string; tags: string[]; parameters?: Array<{ name: string; in: string; required?: boolean; schema?: object; description?: string }>; requestBody?: { content: Record<string, { schema: object }> }; responses: Record<string, { description: string }>; security?: unknown[] };

// Commands, not words: the same in both languages.
const CLI_QUICK_START = `npx hinoki login --url https://console.hinoki.example --token-stdin < token.txt
npx hinoki clusters create train --zone jp-tokyo-1a --shape h100-8x --count 2 --wait
npx hinoki kubeconfig train && kubectl get nodes
npx hinoki costs --json
npx hinoki --help`;

const METHOD_TONE: Record<string, Tone> = { get: "info", post: "success", put: "warning", patch: "warning", delete: "danger" };

export default async function ApiReferencePage() {
  const t = await getTranslations("docs");
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Op>>; tags: Array<{ name: string }> };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href="/api/v1/openapi.json" download className="text-sm font-medium text-brand-700 underline">
            {t("download")}
          </a>
        }
      />
      <Card id="cli" className="mb-8 space-y-3 p-4 text-sm">
        <h2 className="text-lg font-semibold">{t("cliTitle")}</h2>
        <p className="text-muted">{t("cliDescription")}</p>
        <pre className="overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{CLI_QUICK_START}</pre>
        <p className="text-muted">{t("cliMcp")}</p>
        <p className="text-muted">{t("cliSdk")}</p>
      </Card>
      <nav className="mb-8 flex flex-wrap gap-2 text-sm">
        {doc.tags.map((tag) => (
          <a key={tag.name} href={`#${encodeURIComponent(tag.name)}`} className="rounded-full border border-line bg-white px-3 py-1 hover:bg-brand-50">
            {tag.name}
          </a>
        ))}
      </nav>
      {doc.tags.map((tag) => (
        <section key={tag.name} id={encodeURIComponent(tag.name)} className="mb-10">
          <h2 className="mb-3 text-lg font-semibold">{tag.name}</h2>
          <div className="space-y-3">
            {operations
              .filter(({ op }) => op.tags.includes(tag.name))
              .map(({ path, method, op }) => (
                <Card key={op.operationId} className="p-4">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-3">
                      <Badge tone={METHOD_TONE[method]}>{method.toUpperCase()}</Badge>
                      <code className="font-mono text-sm">{path}</code>
                      <span className="text-sm text-muted">{op.summary}</span>
                      {op.security?.length === 0 ? <Badge>{t("public")}</Badge> : null}
                    </summary>
                    <div className="mt-4 space-y-4 text-sm">
                      {op.parameters?.length ? (
                        <div>
                          <h3 className="mb-1 font-semibold">{t("parameters")}</h3>
                          <ul className="space-y-1">
                            {op.parameters.map((p) => (
                              <li key={`${p.in}:${p.name}`}>
                                <code className="font-mono">{p.name}</code> <span className="text-muted">({p.in}{p.required ? `, ${t("required")}` : ""})</span>
                                {p.name === "Idempotency-Key" ? <span className="ml-2 text-muted">{t("idempotent")}</span> : null}
                              </li>
                            ))}
                          </ul>
                        </div>
                      ) : null}
                      {op.requestBody ? (
                        <div>
                          <h3 className="mb-1 font-semibold">{t("requestBody")}</h3>
                          <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{JSON.stringify(op.requestBody.content["application/json"]?.schema, null, 2)}</pre>
                        </div>
                      ) : null}
                      <div>
                        <h3 className="mb-1 font-semibold">{t("responses")}</h3>
                        <ul>
                          {Object.entries(op.responses).map(([status, r]) => (
                            <li key={status}>
                              <code className="font-mono">{status}</code> <span className="text-muted">{r.description}</span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    </div>
                  </details>
                </Card>
              ))}
          </div>
        </section>
      ))}
    </main>
  );
}
