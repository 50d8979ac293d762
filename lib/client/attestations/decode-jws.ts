import type { AttestationClaims } from "@/lib/domain/attestation";

// The claims as written inside the JWS text — what the browser verifies — rather than the
// server's JSON beside it, so that what the page shows is exactly what the signature covers.
// Decoding only; the signature is checked by verify-in-browser.

export function claimsOfJws(jws: string): AttestationClaims | null {
  const payload = jws.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (payload.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as AttestationClaims;
  } catch {
    return null;
  }
}
