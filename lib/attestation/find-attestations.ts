import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { attestations } from "@/lib/db/schema/attestation";
import type { Attestation, AttestationClaims } from "@/lib/domain/attestation";
import { toAttestation } from "./attestation-record";

// Reads of stored statements, always by (org id, …): another org's statement is simply absent.

export async function getAttestation(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<{ attestation: Attestation; claims: AttestationClaims } | undefined> {
  const [row] = await db
    .select()
    .from(attestations)
    .where(and(eq(attestations.orgId, orgId), eq(attestations.id, id)))
    .limit(1);
  return row ? { attestation: toAttestation(row), claims: row.claims } : undefined;
}

/** The newest statement for a resource (with or without a nonce), to decide on renewal. */
export async function latestAttestation(db: DbOrTx, orgId: string, resourceId: string): Promise<Attestation | undefined> {
  const [row] = await db
    .select()
    .from(attestations)
    .where(and(eq(attestations.orgId, orgId), eq(attestations.resourceId, resourceId)))
    .orderBy(desc(attestations.issuedAt), desc(attestations.id))
    .limit(1);
  return row ? toAttestation(row) : undefined;
}
