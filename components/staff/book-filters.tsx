"use client";
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { addressWith } from "@/components/ui/address-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffMember } from "@/lib/domain/staff";

const ATTENTION = ["requests", "budget", "overdue", "quota", "unassigned"] as const;

/** Filters of the book of accounts; they live in the URL so a filtered book can be shared. */
export function BookFilters({ managers, showManager }: { managers: StaffMember[]; showManager: boolean }) {
  const t = useTranslations("staff.book");
  const tc = useTranslations("common");
  const router = useRouter();
  const search = useSearchParams();
  const [form, setForm] = useState({ q: search.get("q") ?? "", attention: search.get("attention") ?? "", manager: search.get("manager") ?? "" });

  // The server reads the book's filters, so this is a navigation; the sort in the address stays.
  const go = (values: typeof form) => router.replace(addressWith(values));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    go(form);
  };
  // Clearing the filters keeps the sort, as applying them does.
  const clear = () => {
    const empty = { q: "", attention: "", manager: "" };
    setForm(empty);
    go(empty);
  };

  return (
    <form onSubmit={apply} role="search" className={`grid items-end gap-3 rounded-lg border border-line bg-white p-4 ${showManager ? "sm:grid-cols-4" : "sm:grid-cols-3"}`}>
      <TextField label={t("search")} placeholder={t("searchPlaceholder")} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
      <SelectField label={t("attention")} value={form.attention} onChange={(e) => go({ ...form, attention: e.target.value })}>
        <option value="">{t("attentionAll")}</option>
        {ATTENTION.map((a) => (
          <option key={a} value={a}>
            {t(`attentionOptions.${a}`)}
          </option>
        ))}
      </SelectField>
      {showManager ? (
        <SelectField label={t("manager")} value={form.manager} onChange={(e) => go({ ...form, manager: e.target.value })}>
          <option value="">{t("managerAll")}</option>
          {managers.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit">{t("apply")}</Button>
        <Button variant="ghost" onClick={clear}>
          {tc("clearFilters")}
        </Button>
      </div>
    </form>
  );
}
