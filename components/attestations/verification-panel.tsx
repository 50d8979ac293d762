"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { CircleCheck, CircleX, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { BrowserVerification } from "@/lib/client/attestations/verify-in-browser";
import { ATTESTATION_JWKS_PATH } from "@/lib/domain/attestation-constants";

type State = { kind: "running" } | { kind: "done"; result: BrowserVerification } | { kind: "network" };

/**
 * Checks the statement's signature here, in the browser, against the published JWKS. The
 * verifier (and jose with it) is loaded only when this panel mounts, so no other page pays for it.
 */
export function VerificationPanel({ jws, nonce }: { jws: string; nonce: string | null }) {
  const t = useTranslations("attestations.verify");
  const [state, setState] = useState<State>({ kind: "running" });

  const run = useCallback(async () => {
    setState({ kind: "running" });
    try {
      const { verifyInBrowser } = await import("@/lib/client/attestations/verify-in-browser");
      setState({ kind: "done", result: await verifyInBrowser(jws, { expectedNonce: nonce ?? undefined }) });
    } catch {
      setState({ kind: "network" });
    }
  }, [jws, nonce]);

  useEffect(() => {
    void run();
  }, [run]);

  const valid = state.kind === "done" && state.result.valid;
  const failed = state.kind === "network" || (state.kind === "done" && !state.result.valid);
  const reason = state.kind === "network" ? "network" : state.kind === "done" ? state.result.reason : null;

  return (
    <section
      aria-labelledby="verification-title"
      aria-live="polite"
      data-testid="verification"
      data-state={state.kind === "running" ? "running" : valid ? "verified" : "failed"}
      className={cn(
        "rounded-lg border p-5",
        valid ? "border-emerald-300 bg-emerald-50" : failed ? "border-red-300 bg-red-50" : "border-line bg-white",
      )}
    >
      <h2 id="verification-title" className="text-sm font-semibold text-muted">
        {t("title")}
      </h2>
      <div className="mt-2 flex items-start gap-3">
        {state.kind === "running" ? (
          <>
            <Loader2 className="size-6 shrink-0 animate-spin text-muted" aria-hidden />
            <p className="text-sm text-ink">{t("running")}</p>
          </>
        ) : valid && state.kind === "done" ? (
          <>
            <CircleCheck className="size-7 shrink-0 text-emerald-700" aria-hidden />
            {/* min-w-0 and anywhere-wrapping: the key id is one long word that must not widen the page. */}
            <div className="min-w-0">
              <p className="text-lg font-bold text-emerald-800">{t("verified")}</p>
              <p className="mt-1 text-sm text-ink [overflow-wrap:anywhere]">{t("verifiedBody", { kid: String(state.result.header?.kid ?? "") })}</p>
            </div>
          </>
        ) : (
          <>
            <CircleX className="size-7 shrink-0 text-red-700" aria-hidden />
            <div className="min-w-0">
              <p className="text-lg font-bold text-red-800">{t("failed")}</p>
              <p className="mt-1 text-sm text-ink [overflow-wrap:anywhere]" data-testid="verification-reason">
                {reason ? t(`reason.${reason}`) : null}
              </p>
            </div>
          </>
        )}
      </div>
      {state.kind === "done" ? (
        <p className="mt-3 text-xs text-muted">{t("explanation", { path: ATTESTATION_JWKS_PATH, count: state.result.keyCount })}</p>
      ) : null}
      {state.kind !== "running" ? (
        <Button variant="link" size="sm" className="mt-1" onClick={() => void run()}>
          {t("again")}
        </Button>
      ) : null}
    </section>
  );
}
