"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Building2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api-fetch";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { StaffAccount, StaffMember } from "@/lib/domain/staff";

export function StaffAccountsTable({ accounts, managers, canAssign }: { accounts: StaffAccount[]; managers: StaffMember[]; canAssign: boolean }) {
  const t = useTranslations("staff");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const assign = async (slug: string, staffUserId: string, assigned: boolean) => {
    setBusy(slug);
    try {
      await apiFetch(`/api/v1/staff/accounts/${slug}/managers`, { method: "PUT", body: { staffUserId, assigned } });
      toast.success(assigned ? t("assigned") : t("unassigned"));
      router.refresh();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  if (accounts.length === 0) return <EmptyState icon={<Building2 className="size-8" />} title={t("empty")} description={t("emptyBody")} />;
  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th>{t("org")}</Th>
            <Th numeric>{t("members")}</Th>
            <Th>{t("managers")}</Th>
            {canAssign ? <Th>{t("assign")}</Th> : null}
            <Th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.orgId} data-testid="staff-account-row">
              <Td>
                <span className="font-medium">{a.legalNameJa}</span>
                <span className="block text-xs text-muted">{a.legalNameEn}</span>
              </Td>
              <Td numeric>{a.memberCount}</Td>
              <Td>
                {a.managers.length === 0 ? (
                  <Badge tone="warning">{t("unassignedLabel")}</Badge>
                ) : (
                  <ul className="space-y-1">
                    {a.managers.map((m) => (
                      <li key={m.userId} className="flex items-center gap-2">
                        <span>{m.name}</span>
                        {canAssign ? (
                          <Button variant="link" size="sm" disabled={busy === a.slug} onClick={() => void assign(a.slug, m.userId, false)}>
                            {t("unassign")}
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              {canAssign ? (
                <Td>
                  <div className="flex items-center gap-2">
                    <select
                      aria-label={t("assignManager")}
                      className="rounded border border-line bg-white px-2 py-1 text-sm"
                      value={choice[a.slug] ?? ""}
                      onChange={(e) => setChoice({ ...choice, [a.slug]: e.target.value })}
                    >
                      <option value="">—</option>
                      {managers.map((m) => (
                        <option key={m.userId} value={m.userId}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                    <Button size="sm" variant="secondary" disabled={!choice[a.slug] || busy === a.slug} onClick={() => void assign(a.slug, choice[a.slug], true)}>
                      {t("assign")}
                    </Button>
                  </div>
                </Td>
              ) : null}
              <Td className="text-right">
                <Link href={`/${a.slug}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
                  {t("open")}
                </Link>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
