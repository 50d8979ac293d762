import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OrgProfileForm } from "@/components/settings/org-profile-form";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { getOrg } from "@/lib/services/orgs/get-org";

export default async function SettingsProfilePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal, shell } = await orgPageAccess(slug);
  const org = await getOrg(principal, slug);
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
