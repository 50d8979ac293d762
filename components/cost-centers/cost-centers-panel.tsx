"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useCostCenters, useCreateCostCenter, usePutCostCenterPolicy, useUpdateCostCenter } from "@/lib/client/cost-centers/use-cost-centers";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { CostCenter, CostCenterPolicy } from "@/lib/domain/cost-centers";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 部門・プロジェクト: the list (archived ones stay, marked), a form to add one, archive/restore
// (never delete: issued invoices name them), and the policy that every order must name one.

export function CostCentersPanel({ initial, policy }: { initial: CostCenter[]; policy: CostCenterPolicy }) {
  const { slug } = useOrg();
  const t = useTranslations("settings.costCenters");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const canWrite = useCan("billing.write");
  const centers = useCostCenters(slug, initial);
  const create = useCreateCostCenter(slug);
  const update = useUpdateCostCenter(slug);
  const putPolicy = usePutCostCenterPolicy(slug);
  const [required, setRequired] = useState(policy.required);
  const [form, setForm] = useState({ code: "", nameJa: "", nameEn: "" });
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    create.mutate(form, {
      onSuccess: (c) => {
        toast.success(t("created", { code: c.code }));
        setForm({ code: "", nameJa: "", nameEn: "" });
      },
      onError: (e) => setError(errorMessage(e)),
    });
  };
  const toggleRequired = (value: boolean) => {
    setRequired(value);
    putPolicy.mutate({ required: value }, { onSuccess: () => toast.success(t("policySaved")), onError: (e) => (setRequired(!value), toast.error(errorMessage(e))) });
  };

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t("title")} description={t("description")} />
        <CardBody className="space-y-4">
          <label className="flex items-center gap-2 text-sm text-ink">
            <input type="checkbox" checked={required} disabled={!canWrite || putPolicy.isPending} onChange={(e) => toggleRequired(e.target.checked)} />
            {t("required")}
          </label>
          <p className="text-xs text-muted">{t("requiredHint")}</p>
        </CardBody>
        <Table>
          <thead>
            <tr>
              <Th>{t("code")}</Th>
              <Th>{t("name")}</Th>
              <Th>{t("owner")}</Th>
              <Th>{t("createdAt")}</Th>
              <Th>{t("state")}</Th>
              {canWrite ? <Th>{t("actions")}</Th> : null}
            </tr>
          </thead>
          <tbody>
            {(centers.data ?? []).length === 0 ? (
              <tr>
                <Td colSpan={6} className="text-sm text-muted">
                  {t("empty")}
                </Td>
              </tr>
            ) : (
              (centers.data ?? []).map((c) => (
                <tr key={c.id} data-testid="cost-center-row">
                  <Td className="font-mono text-sm">{c.code}</Td>
                  <Td>
                    {locale === "ja" ? c.nameJa : c.nameEn}
                    <span className="block text-xs text-muted">{locale === "ja" ? c.nameEn : c.nameJa}</span>
                  </Td>
                  <Td>{c.ownerName ?? "—"}</Td>
                  <Td className="whitespace-nowrap text-sm">{formatDateTime(c.createdAt, locale)}</Td>
                  <Td>{c.archived ? <Badge tone="neutral">{t("archived")}</Badge> : <Badge tone="success">{t("active")}</Badge>}</Td>
                  {canWrite ? (
                    <Td>
                      <Button
                        variant="ghost"
                        onClick={() => update.mutate({ id: c.id, change: { archived: !c.archived } }, { onError: (e) => toast.error(errorMessage(e)) })}
                        disabled={update.isPending}
                      >
                        {c.archived ? t("restore") : t("archive")}
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </Card>
      {canWrite ? (
        <Card>
          <CardHeader title={t("addTitle")} description={t("addDescription")} />
          <CardBody>
            <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-4">
              <TextField label={t("code")} required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} placeholder="CC-1001" />
              <TextField label={t("nameJa")} required value={form.nameJa} onChange={(e) => setForm({ ...form, nameJa: e.target.value })} />
              <TextField label={t("nameEn")} required value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
              <div className="pt-6">
                <Button type="submit" disabled={create.isPending}>
                  {t("add")}
                </Button>
              </div>
            </form>
            {error ? (
              <p role="alert" className="mt-2 text-sm text-red-800">
                {error}
              </p>
            ) : null}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
