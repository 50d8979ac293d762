import "server-only";
import { Secret, TOTP } from "otpauth";
import { TOTP_CODE } from "@/lib/domain/mfa";

// RFC 6238 through the `otpauth` library (no hand-written HMAC): SHA-1, six digits, 30-second
// steps — what every authenticator app reads from an otpauth:// URI. One step either side is
// accepted for clock drift; which step matched is returned so the caller can refuse a replay.

export const TOTP_PERIOD_SECONDS = 30;
const DRIFT_WINDOW = 1;
const ISSUER = "Hinoki";

function totpFor(secretBase32: string, label = "account"): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The time step a code belongs to, or null when it matches none within the drift window. */
export function matchingTotpStep(secretBase32: string, code: string, now: Date): number | null {
  if (!TOTP_CODE.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: DRIFT_WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
