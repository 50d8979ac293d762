"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { useCreateAdapter, useUploadAdapterWeights, type NewAdapter } from "@/lib/client/adapters/use-adapters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ADAPTER_MAX_BYTES } from "@/lib/domain/adapters/adapters-api";
import { MODELS } from "@/lib/domain/catalog/models";
import type { Locale } from "@/lib/i18n/locales";
import { formatBytes } from "./format-bytes";
import { UploadProgress } from "./upload-progress";

/** Registers an adapter, then uploads its weights with progress. A failed upload leaves the adapter registered, awaiting its weights (the list offers the upload again). */
export function RegisterAdapterForm({ slug }: { slug: string }) {
  const t = useTranslations("adapters.register");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateAdapter(slug);
  const upload = useUploadAdapterWeights(slug);
  const [name, setName] = useState("");
  const [baseModelId, setBaseModelId] = useState<NewAdapter["baseModelId"]>(MODELS[0]?.id as NewAdapter["baseModelId"]);
  const [rank, setRank] = useState(16);
  const [description, setDescription] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  // A new key empties the file input after a successful upload.
  const [fileKey, setFileKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) return setError({ field: "file", message: t("noFile") });
    let adapterId: string;
    try {
      const adapter = await create.mutateAsync({ name, baseModelId, rank, description: description.trim() || undefined });
      adapterId = adapter.id;
      toast.success(t("registered", { name }));
    } catch (e) {
      return setError({ field: (e as { field?: string }).field, message: errorMessage(e) });
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    try {
      await upload.mutateAsync({ id: adapterId, file, onProgress: setProgress, signal: controller.signal });
      toast.success(t("uploaded", { name }));
      setName("");
      setDescription("");
      setFile(null);
      setFileKey((k) => k + 1);
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError({ field: "file", message: errorMessage(e) });
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const busy = create.isPending || progress !== null;
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-3" aria-label={t("title")}>
          <TextField label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} pattern="[a-z0-9](?:[a-z0-9\-]{0,38}[a-z0-9])?" error={error?.field === "name" ? error.message : undefined} />
          <SelectField label={t("baseModel")} value={baseModelId} onChange={(e) => setBaseModelId(e.target.value as NewAdapter["baseModelId"])}>
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </SelectField>
          <TextField label={t("rank")} hint={t("rankHint")} type="number" min={1} max={256} value={rank} onChange={(e) => setRank(Math.max(1, Number(e.target.value) || 1))} error={error?.field === "rank" ? error.message : undefined} />
          <TextField className="sm:col-span-3" label={t("notes")} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
          <TextField
            key={fileKey}
            className="sm:col-span-3"
            label={t("file")}
            hint={t("fileHint", { max: formatBytes(ADAPTER_MAX_BYTES, locale) })}
            type="file"
            accept=".safetensors,application/octet-stream"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            error={error?.field === "file" ? error.message : undefined}
          />
          {error && error.field !== "name" && error.field !== "rank" && error.field !== "file" ? (
            <p role="alert" className="sm:col-span-3 text-sm text-red-700">
              {error.message}
            </p>
          ) : null}
          <div className="sm:col-span-3 flex items-center justify-end gap-4">
            {progress !== null ? (
              <div className="flex-1">
                <UploadProgress fraction={progress} onCancel={() => abort.current?.abort()} />
              </div>
            ) : null}
            <Button type="submit" disabled={busy}>
              {t("submit")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
