import { AttestationDetail } from "@/components/attestations/attestation-detail";
import { getAttestation } from "@/lib/services/attestations/get-attestation";
import { readOrNotFound } from "@/lib/services/session/page-read";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function AttestationPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { principal } = await orgPageAccess(slug);
  const attestation = await readOrNotFound(getAttestation(principal, slug, id));
  return <AttestationDetail initial={attestation} />;
}
