import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { VerificationGuide as Guide } from "@/lib/domain/attestation-api";

// How a customer verifies a statement without us: the openssl recipe (run by our tests against
// real statements) and a JOSE-library recipe pinned to ES256.

function Code({ children, label }: { children: string; label?: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100">
      <code>{children}</code>
    </pre>
  );
}

export async function VerificationGuide({ guide, slug }: { guide: Guide; slug: string }) {
  const t = await getTranslations("attestations.guide");
  const locale = await getLocale();
  const jwksUrl = guide.issuer.startsWith("https://") ? `${guide.issuer}${guide.jwksPath}` : guide.jwksPath;
  return (
    <div className="space-y-6">
      <Link href={`/${slug}/attestations`} className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>

      <Card>
        <CardHeader title={t("checksTitle")} />
        <CardBody>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {(["check1", "check2", "check3", "check4", "check5"] as const).map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ol>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("keysTitle")} description={t("keysBody")} />
        <CardBody className="space-y-2">
          <Code>{`curl -fsS ${guide.issuer.startsWith("https://") ? jwksUrl : `https://<console>${guide.jwksPath}`} -o jwks.json`}</Code>
          <p className="text-sm">
            <a href={guide.jwksPath} className="font-mono text-brand-700 hover:underline">
              {guide.jwksPath}
            </a>
            <span className="ml-3 text-muted">
              {t("issuer")}: <span className="font-mono">{guide.issuer}</span>
            </span>
          </p>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("opensslTitle")} description={t("opensslBody")} />
        <CardBody className="space-y-5">
          {guide.opensslSteps.map((step, i) => (
            <section key={i} className="space-y-2">
              <h3 className="text-sm font-semibold text-ink">
                {i + 1}. {locale === "ja" ? step.titleJa : step.titleEn}
              </h3>
              <Code>{step.script}</Code>
            </section>
          ))}
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">{t("fullScript")}</summary>
            <div className="mt-2">
              <Code label="verify-attestation.sh">{guide.opensslScript}</Code>
            </div>
          </details>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("joseTitle")} description={t("joseBody")} />
        <CardBody>
          <Code label="verify-attestation.mjs">{guide.joseScript}</Code>
        </CardBody>
      </Card>
    </div>
  );
}
