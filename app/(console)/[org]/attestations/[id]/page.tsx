import { notFound } from "next/navigation";
import { AttestationDetail } from "@/components/attestations/attestation-detail";
import { isAppError } from "@/lib/domain/errors";
import { getAttestation } from "@/lib/services/attestations/get-attestation";
import { requirePrincipal } from "@/lib/services/session/require-principal";

export default async function AttestationPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const principal = await requirePrincipal();
  const attestation = await getAttestation(principal, slug, id).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return <AttestationDetail initial={attestation} />;
}
