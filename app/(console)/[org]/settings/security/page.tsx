import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SignInPolicyForm } from "@/components/settings/sign-in-policy-form";
import { getSignInPolicy } from "@/lib/services/sign-in-policy/get-sign-in-policy";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function SecuritySettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal } = await orgPageAccess(slug);
  const [policy, t] = await Promise.all([getSignInPolicy(principal, slug), getTranslations("security.policy")]);
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        <SignInPolicyForm initial={policy} />
      </CardBody>
    </Card>
  );
}
