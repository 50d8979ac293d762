import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OrgProfileForm } from "@/components/settings/org-profile-form";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";

export default async function NewOrgPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in?callbackUrl=/orgs/new");
  const t = await getTranslations("settings.profile");
  const ta = await getTranslations("auth");
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      {principal.memberships.length === 0 ? (
        <div className="mb-6 rounded-md border border-line bg-white p-4 text-sm">
          <p className="font-semibold">{ta("noOrgTitle")}</p>
          <p className="text-muted">{ta("noOrgBody")}</p>
        </div>
      ) : null}
      <Card>
        <CardHeader title={t("createTitle")} description={t("createDescription")} />
        <CardBody>
          <OrgProfileForm />
        </CardBody>
      </Card>
    </main>
  );
}
