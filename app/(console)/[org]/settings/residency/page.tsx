import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ResidencyPolicyForm } from "@/components/settings/residency-policy-form";
import { getResidencyPolicy } from "@/lib/services/residency/get-residency-policy";
import { requirePrincipal } from "@/lib/services/session/require-principal";

export default async function ResidencySettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const principal = await requirePrincipal();
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
