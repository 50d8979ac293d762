import { Secret, TOTP } from "otpauth";

// Test helpers for the second factor: a KEK for this test process (no development key written
// anywhere) and codes computed the way an authenticator app does, with the same library.


/** The code an authenticator app would show at `at` for this base32 secret. */
export function codeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime(), algorithm: "SHA1", digits: 6, period: 30 });
}

/** A moment at the start of a 30-second step, plus `steps` steps. */
export function stepStart(base: Date, steps = 0): Date {
  const start = Math.floor(base.getTime() / 30_000) * 30_000;
  return new Date(start + steps * 30_000);
}

export { useTestKek } from "../testing/fixtures";
