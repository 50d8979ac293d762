import { verifyAttestation, type Jwks, type VerifyResult } from "@/lib/attestation/verify-attestation";
import { ATTESTATION_JWKS_PATH } from "@/lib/domain/attestation-constants";

// Verification in the customer's own browser: the published keys are fetched here and the
// signature checked here with WebCrypto, so the result does not rest on the server's word.
// Import this module dynamically: it carries jose, which no other page needs.

export interface BrowserVerification extends VerifyResult {
  /** How many keys the published set holds (active and retired). */
  keyCount: number;
  checkedAt: string;
}

export async function verifyInBrowser(jws: string, options: { expectedNonce?: string } = {}): Promise<BrowserVerification> {
  // "no-cache" revalidates with the server (ETag): a key published a moment ago is seen.
  const response = await fetch(ATTESTATION_JWKS_PATH, { cache: "no-cache", credentials: "omit", headers: { accept: "application/jwk-set+json, application/json" } });
  if (!response.ok) throw new Error(`jwks ${response.status}`);
  const jwks = (await response.json()) as Jwks;
  const result = await verifyAttestation(jws, jwks, { expectedNonce: options.expectedNonce });
  return { ...result, keyCount: Array.isArray(jwks.keys) ? jwks.keys.length : 0, checkedAt: new Date().toISOString() };
}
