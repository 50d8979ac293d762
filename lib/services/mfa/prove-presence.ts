import "server-only";
import type { Db } from "@/lib/db/client";
import { verifyPasswordProof, verifySecondFactor, type FactorCheck } from "@/lib/auth/mfa/second-factor";
import { AppError } from "@/lib/domain/errors";
import type { MfaProofInput } from "@/lib/domain/mfa";
import type { MfaPerson } from "./mfa-person";

// Turning MFA off or renewing recovery codes takes fresh proof from the person at the keyboard:
// a current code (or a recovery code), or the password — a session left open is not enough.

export function refusalOf(check: Extract<FactorCheck, { ok: false }>): AppError {
  if (check.reason === "throttled") return new AppError("rate_limited", "too many wrong codes; wait before trying again", { retryAfterSeconds: check.retryAfterSeconds });
  if (check.reason === "not_enrolled") return new AppError("not_found", "two-step verification is not set up");
  return new AppError("mfa_code_invalid", check.reason === "replayed" ? "this code was already used; wait for the next one" : "the code is not valid", {
    reason: check.reason,
  });
}

export async function provePresence(db: Db, person: MfaPerson, proof: MfaProofInput, now = new Date()): Promise<"code" | "recovery_code" | "password"> {
  if (proof.password !== undefined) {
    const check = await verifyPasswordProof(db, person.id, person.passwordHash, proof.password, now);
    if (!check.ok) throw check.reason === "invalid" ? new AppError("mfa_code_invalid", "the password is not correct", { reason: "password" }) : refusalOf(check);
    return "password";
  }
  const check = await verifySecondFactor(db, person.id, proof.code ?? "", { state: "enabled", allowRecoveryCode: true, now });
  if (!check.ok) throw refusalOf(check);
  return check.method === "totp" ? "code" : "recovery_code";
}
