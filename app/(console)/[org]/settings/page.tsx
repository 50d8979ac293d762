import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OrgProfileForm } from "@/components/settings/org-profile-form";
import { requirePrincipal } from "@/lib/services/session/require-principal";
import { getOrg } from "@/lib/services/orgs/get-org";
import { getOrgShell } from "@/lib/services/session/get-org-shell";

export default async function SettingsProfilePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const principal = await requirePrincipal();
  const [org, shell] = await Promise.all([getOrg(principal, slug), getOrgShell(principal, slug)]);
  const t = await getTranslations("settings");
  return (
    <Card>
      <CardHeader title={t("tabs.profile")} description={t("profile.description")} />
      <CardBody>
        <OrgProfileForm org={org} readOnly={!shell.permissions.includes("org.write")} />
      </CardBody>
    </Card>
  );
}
