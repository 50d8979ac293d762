import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ResidencyPolicyForm } from "@/components/settings/residency-policy-form";
import { getResidencyPolicy } from "@/lib/services/residency/get-residency-policy";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function ResidencySettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal } = await orgPageAccess(slug);
  const [policy, t] = await Promise.all([getResidencyPolicy(principal, slug), getTranslations("attestations.residency")]);
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        <ResidencyPolicyForm initial={policy} />
      </CardBody>
    </Card>
  );
}
