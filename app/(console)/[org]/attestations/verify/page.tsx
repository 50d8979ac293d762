import { getTranslations } from "next-intl/server";
import { VerificationGuide } from "@/components/attestations/verification-guide";
import { PageHeader } from "@/components/ui/page-header";
import { getVerificationGuide } from "@/lib/services/attestations/get-verification-guide";

export default async function VerifyAttestationPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const t = await getTranslations("attestations.guide");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <VerificationGuide guide={getVerificationGuide()} slug={slug} />
    </>
  );
}
