import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { BookFilters } from "@/components/staff/book-filters";
import { StaffAccountsTable } from "@/components/staff/staff-accounts-table";
import { BookQuery } from "@/lib/domain/staff";
import { staffPageAccess } from "@/lib/services/session/page-access";
import { listStaffAccounts } from "@/lib/services/staff/list-accounts";
import { listStaffMembers } from "@/lib/services/staff/list-staff-members";

/** 担当アカウント: the book of accounts, sorted and filtered by the URL. */
export default async function StaffHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await staffPageAccess();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  // A hand-edited URL with an unknown sort falls back to the default rather than failing the page.
  const parsed = BookQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : BookQuery.parse({});
  const [accounts, staff] = await Promise.all([listStaffAccounts(principal, query), listStaffMembers(principal)]);
  const t = await getTranslations("staff");
  const isAdmin = principal.staffRole === "platform_admin";
  const managers = staff.items.filter((s) => s.staffRole === "account_manager");
  return (
    <>
      <PageHeader title={t("title")} description={isAdmin ? t("descriptionAdmin") : t("description")} />
      <div className="space-y-4">
        <Suspense>
          <BookFilters managers={managers} showManager={isAdmin} />
        </Suspense>
        <Suspense>
          <StaffAccountsTable
            accounts={accounts.items}
            managers={managers}
            canAssign={isAdmin}
            sort={query.sort}
            dir={query.dir ?? (query.sort === "name" ? "asc" : "desc")}
            filtered={Boolean(query.q || query.attention || query.manager)}
          />
        </Suspense>
      </div>
    </>
  );
}
