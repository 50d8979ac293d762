import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { AttestationsList } from "@/components/attestations/attestations-list";
import { PageHeader } from "@/components/ui/page-header";
import type { AttestableResource } from "@/lib/domain/attestation-api";
import { listAttestableResources } from "@/lib/services/attestations/list-attestable-resources";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function AttestationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal } = await orgPageAccess(slug);
  const t = await getTranslations("attestations");
  // Running resources for the filter and the nonce dialog; the list itself still works without them.
  const resources: AttestableResource[] = await listAttestableResources(principal, slug).catch(() => []);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense>
        <AttestationsList resources={resources} />
      </Suspense>
    </>
  );
}
