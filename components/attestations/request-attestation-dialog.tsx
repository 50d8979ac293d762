"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/client/api-fetch";
import { randomNonce, useRequestAttestation } from "@/lib/client/attestations/use-request-attestation";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { AttestableResource } from "@/lib/domain/attestation-api";

// Mirrors the server's AttestationNonce rule, so the form says no before submitting.
const NONCE = /^[A-Za-z0-9_.~-]{8,88}$/;

export function RequestAttestationDialog({
  slug,
  resources,
  defaultResourceId,
  open,
  onOpenChange,
}: {
  slug: string;
  resources: AttestableResource[];
  defaultResourceId?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("attestations.request");
  const tk = useTranslations("attestations.kind");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const request = useRequestAttestation(slug);
  const [resourceId, setResourceId] = useState(defaultResourceId ?? resources[0]?.id ?? "");
  const [nonce, setNonce] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; message: string } | null>(null);

  const nonceError = touched && !NONCE.test(nonce) ? t("nonceInvalid") : serverError?.field === "nonce" ? serverError.message : undefined;
  const resourceError = serverError?.field === "resourceId" ? serverError.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setServerError(null);
    if (!NONCE.test(nonce) || !resourceId) return;
    request.mutate(
      { resourceId, nonce },
      {
        onSuccess: (created) => {
          toast.success(t("issued"));
          onOpenChange(false);
          router.push(`/${slug}/attestations/${created.id}`);
        },
        onError: (error) => {
          const field = error instanceof ApiError ? error.field : undefined;
          const notRunning = error instanceof ApiError && error.details?.reason === "resource_not_running";
          setServerError({ field: notRunning ? "resourceId" : field, message: notRunning ? t("notRunning") : errorMessage(error) });
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t("title")} description={t("description")} closeLabel={tc("close")}>
      {resources.length === 0 ? (
        <p className="text-sm text-muted">{t("noResources")}</p>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <SelectField label={t("resource")} value={resourceId} onChange={(e) => setResourceId(e.target.value)} error={resourceError}>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}（{tk(r.kind)} · {r.zoneId}）
              </option>
            ))}
          </SelectField>
          <div className="flex items-end gap-2">
            <TextField
              className="flex-1"
              label={t("nonce")}
              hint={t("nonceHint")}
              value={nonce}
              onChange={(e) => setNonce(e.target.value.trim())}
              onBlur={() => setTouched(true)}
              error={nonceError}
              autoComplete="off"
              spellCheck={false}
              inputMode="text"
            />
            <Button variant="secondary" onClick={() => setNonce(randomNonce())} className="mb-[1.4rem]">
              {t("generate")}
            </Button>
          </div>
          {serverError && !serverError.field ? (
            <p role="alert" className="text-sm text-red-800">
              {serverError.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? t("submitting") : t("submit")}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
