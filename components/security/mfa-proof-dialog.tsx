"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import type { MfaProofInput } from "@/lib/domain/mfa";

/** Fresh proof before turning MFA off or renewing recovery codes: a current code, or the password. */
export function MfaProofDialog({
  open,
  onCancel,
  title,
  description,
  tone,
  pending,
  error,
  onSubmit,
}: {
  open: boolean;
  onCancel: () => void;
  title: ReactNode;
  description: ReactNode;
  tone: "danger" | "primary";
  pending: boolean;
  error: string | null;
  onSubmit: (proof: MfaProofInput) => void;
}) {
  const t = useTranslations("security.totp");
  const [by, setBy] = useState<"code" | "password">("code");
  const [value, setValue] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(by === "code" ? { code: value.trim() } : { password: value });
  };
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onCancel()} title={title} description={description} closeLabel={t("close")}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium text-ink">{t("proofWith")}</legend>
          {(["code", "password"] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input
                type="radio"
                name="proof"
                checked={by === option}
                onChange={() => {
                  setBy(option);
                  setValue("");
                }}
              />
              {option === "code" ? t("proofWithCode") : t("proofWithPassword")}
            </label>
          ))}
        </fieldset>
        <TextField
          label={by === "code" ? t("proofCode") : t("proofPassword")}
          type={by === "code" ? "text" : "password"}
          autoComplete={by === "code" ? "one-time-code" : "current-password"}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={error ?? undefined}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" type="button" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button variant={tone} type="submit" disabled={pending || !value}>
            {t("confirm")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
