import { base64url, compactVerify, errors, importJWK, type JWK, type ProtectedHeaderParameters } from "jose";
import { ATTESTATION_ALG, ATTESTATION_JWS_TYPE } from "@/lib/domain/attestation-constants";
import type { AttestationClaims } from "@/lib/domain/attestation";

// Verifies a residency statement against a JWKS. ISOMORPHIC: runs on the server and in the
// browser (the console's verify page), so it uses only jose and WebCrypto — no node:crypto, no
// server-only, and no zod at runtime (only types from lib/domain/attestation).
//
// Pinned to ES256: the algorithm comes from us, never from the token. A statement whose header
// asks for anything else is refused before any key is touched.

export type VerifyReason =
  | "ok"
  | "bad_signature"
  | "unknown_key"
  | "expired"
  | "not_yet_valid"
  | "nonce_mismatch"
  | "malformed"
  | "wrong_alg";

export interface VerifyResult {
  valid: boolean;
  reason: VerifyReason;
  /** The protected header, when it could be decoded (also for failures, to show the kid). */
  header?: ProtectedHeaderParameters;
  /** The claims — only when the signature is good, so unverified text is never shown as a claim. */
  claims?: AttestationClaims;
}

export interface VerifyOptions {
  now?: Date;
  /** Allowed clock difference for exp/nbf, in seconds. Default 60. */
  clockToleranceSeconds?: number;
  /** When the statement was requested with a nonce, the nonce it must echo. */
  expectedNonce?: string;
}

export interface Jwks {
  keys: JWK[];
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
// 64 bytes of r||s in unpadded base64url are 86 characters whose last one carries 4 unused
// bits. Decoders ignore those bits, so without this check a changed last character could
// still "verify". Only the canonical encoding is accepted: every byte of the text counts.
const ES256_SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/;

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(base64url.decode(segment)));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export async function verifyAttestation(jws: string, jwks: Jwks, options: VerifyOptions = {}): Promise<VerifyResult> {
  const fail = (reason: VerifyReason, header?: ProtectedHeaderParameters): VerifyResult => ({ valid: false, reason, header });
  if (typeof jws !== "string") return fail("malformed");
  const parts = jws.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return fail("malformed");
  const [headerPart, , signaturePart] = parts;

  const decodedHeader = decodeJson(headerPart);
  if (!isObject(decodedHeader)) return fail("malformed");
  const header = decodedHeader as ProtectedHeaderParameters;
  if (header.alg !== ATTESTATION_ALG) return fail("wrong_alg", header);
  if (header.typ !== ATTESTATION_JWS_TYPE || typeof header.kid !== "string") return fail("malformed", header);
  if (!ES256_SIGNATURE.test(signaturePart)) return fail("malformed", header);

  const jwk = Array.isArray(jwks?.keys) ? jwks.keys.find((k) => k?.kid === header.kid) : undefined;
  if (!jwk) return fail("unknown_key", header);
  // A published key for another algorithm must not be usable even if the kid matches.
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || (jwk.alg !== undefined && jwk.alg !== ATTESTATION_ALG)) return fail("wrong_alg", header);

  let key: CryptoKey | Uint8Array;
  try {
    key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, ATTESTATION_ALG);
  } catch {
    return fail("unknown_key", header);
  }

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: [ATTESTATION_ALG] }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return fail("bad_signature", header);
    return fail("malformed", header);
  }

  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    return fail("malformed", header);
  }
  if (!isObject(claims) || !["iat", "nbf", "exp"].every((c) => Number.isFinite(claims[c]))) return fail("malformed", header);
  // Signed by our key, so the shape is ours; the type is asserted, not re-validated, to keep
  // a schema library out of the browser bundle.
  const verified = claims as unknown as AttestationClaims;

  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 60;
  const result = (reason: VerifyReason): VerifyResult => ({ valid: reason === "ok", reason, header, claims: verified });
  if (now - tolerance >= verified.exp) return result("expired");
  if (now + tolerance < verified.nbf) return result("not_yet_valid");
  if (options.expectedNonce !== undefined && verified.eat_nonce !== options.expectedNonce) return result("nonce_mismatch");
  return result("ok");
}
