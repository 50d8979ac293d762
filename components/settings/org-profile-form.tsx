"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/client/api-fetch";
import { useCreateOrg, useUpdateOrg } from "@/lib/client/settings/use-org-profile";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { isValidCorporateNumber } from "@/lib/domain/corporate-number";
import type { Org } from "@/lib/domain/orgs";

type Values = {
  slug: string;
  legalNameJa: string;
  legalNameEn: string;
  corporateNumber: string;
  postalCode: string;
  prefecture: string;
  city: string;
  line1: string;
  line2: string;
  contactName: string;
  contactEmail: string;
};

function initialValues(org?: Org): Values {
  return {
    slug: org?.slug ?? "",
    legalNameJa: org?.legalNameJa ?? "",
    legalNameEn: org?.legalNameEn ?? "",
    corporateNumber: org?.corporateNumber ?? "",
    postalCode: org?.billingAddress?.postalCode ?? "",
    prefecture: org?.billingAddress?.prefecture ?? "",
    city: org?.billingAddress?.city ?? "",
    line1: org?.billingAddress?.line1 ?? "",
    line2: org?.billingAddress?.line2 ?? "",
    contactName: org?.contactName ?? "",
    contactEmail: org?.contactEmail ?? "",
  };
}

/** Creates an org (mode "create") or edits its legal profile; keeps the input on any error. */
export function OrgProfileForm({ org, readOnly }: { org?: Org; readOnly?: boolean }) {
  const t = useTranslations("settings.profile");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => initialValues(org));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateOrg();
  const update = useUpdateOrg(org?.slug ?? "");
  const pending = create.isPending || update.isPending;

  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const errors: Partial<Record<keyof Values, string>> = {};
    if (values.corporateNumber && !isValidCorporateNumber(values.corporateNumber)) errors.corporateNumber = t("corporateNumberInvalid");
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const hasAddress = values.postalCode || values.prefecture || values.city || values.line1;
    const payload = {
      legalNameJa: values.legalNameJa,
      legalNameEn: values.legalNameEn,
      corporateNumber: values.corporateNumber || undefined,
      billingAddress: hasAddress
        ? { postalCode: values.postalCode, prefecture: values.prefecture, city: values.city, line1: values.line1, line2: values.line2 || undefined }
        : undefined,
      contactName: values.contactName || undefined,
      contactEmail: values.contactEmail || undefined,
    };
    try {
      if (org) {
        await update.mutateAsync(payload);
        toast.success(tc("saved"));
        router.refresh();
      } else {
        const created = await create.mutateAsync({ ...payload, slug: values.slug });
        toast.success(t("created"));
        router.push(`/${created.slug}`);
        router.refresh();
      }
    } catch (error) {
      const field = error instanceof ApiError ? (error.field?.split(".").pop() as keyof Values | undefined) : undefined;
      if (error instanceof ApiError && error.code === "already_exists") setFieldErrors({ slug: t("slugTaken") });
      else if (field && field in values) {
        const issue = (error as ApiError).details?.issues as Array<{ message: string }> | undefined;
        setFieldErrors({ [field]: field === "slug" && issue?.[0]?.message === "reserved" ? t("slugReserved") : field === "corporateNumber" ? t("corporateNumberInvalid") : errorMessage(error) });
      } else setFormError(errorMessage(error));
    }
  };

  return (
    <form onSubmit={submit} className="space-y-6" aria-busy={pending}>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <fieldset disabled={readOnly || pending} className="grid gap-4 sm:grid-cols-2">
        {!org ? (
          <TextField className="sm:col-span-2" label={t("slug")} hint={t("slugHint")} value={values.slug} onChange={set("slug")} error={fieldErrors.slug} required pattern="[a-z0-9-]{3,40}" autoComplete="off" />
        ) : null}
        <TextField label={t("legalNameJa")} value={values.legalNameJa} onChange={set("legalNameJa")} error={fieldErrors.legalNameJa} required />
        <TextField label={t("legalNameEn")} value={values.legalNameEn} onChange={set("legalNameEn")} error={fieldErrors.legalNameEn} required />
        <TextField label={t("corporateNumber")} hint={t("corporateNumberHint")} value={values.corporateNumber} onChange={set("corporateNumber")} error={fieldErrors.corporateNumber} inputMode="numeric" maxLength={13} />
        <div className="hidden sm:block" />
        <p className="text-sm font-semibold sm:col-span-2">{t("billingAddress")}</p>
        <TextField label={t("postalCode")} value={values.postalCode} onChange={set("postalCode")} error={fieldErrors.postalCode} autoComplete="postal-code" />
        <TextField label={t("prefecture")} value={values.prefecture} onChange={set("prefecture")} error={fieldErrors.prefecture} autoComplete="address-level1" />
        <TextField label={t("city")} value={values.city} onChange={set("city")} error={fieldErrors.city} autoComplete="address-level2" />
        <TextField label={t("line1")} value={values.line1} onChange={set("line1")} error={fieldErrors.line1} autoComplete="address-line1" />
        <TextField className="sm:col-span-2" label={t("line2")} value={values.line2} onChange={set("line2")} autoComplete="address-line2" />
        <TextField label={t("contactName")} value={values.contactName} onChange={set("contactName")} autoComplete="name" />
        <TextField label={t("contactEmail")} type="email" value={values.contactEmail} onChange={set("contactEmail")} error={fieldErrors.contactEmail} autoComplete="email" />
      </fieldset>
      {readOnly ? (
        <p className="text-sm text-muted">{t("readOnly")}</p>
      ) : (
        <Button type="submit" disabled={pending}>
          {pending ? tc("saving") : org ? tc("save") : tc("create")}
        </Button>
      )}
    </form>
  );
}
