import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { userTotp } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { auditForPerson } from "@/lib/auth/mfa/audit-for-person";
import { verifySecondFactor } from "@/lib/auth/mfa/second-factor";
import { AppError } from "@/lib/domain/errors";
import { ConfirmTotpInput, type RecoveryCodes } from "@/lib/domain/mfa";
import { actorFields, loadPerson, requirePasswordAccount } from "./mfa-person";
import { refusalOf } from "./prove-presence";
import { replaceRecoveryCodes } from "./store-recovery-codes";

/**
 * Step two: the first code from the app turns the pending secret on, and the ten recovery codes
 * are made — returned this once, kept only as hashes. The code's time step is recorded, so the
 * same code cannot then sign in (replay).
 */
export async function confirmTotpSetup(principal: Principal, rawInput: ConfirmTotpInput, now = new Date()): Promise<RecoveryCodes> {
  const input = ConfirmTotpInput.parse(rawInput);
  const db = await getDb();
  const person = await loadPerson(db, principal);
  requirePasswordAccount(person);
  const check = await verifySecondFactor(db, person.id, input.code, { state: "pending", allowRecoveryCode: false, now });
  if (!check.ok) {
    if (check.reason === "not_enrolled") throw new AppError("not_found", "no setup in progress: start again");
    throw refusalOf(check);
  }
  return db.transaction(async (tx) => {
    // Only the secret that was checked, and only once (a concurrent confirm or restart loses).
    const [enabled] = await tx
      .update(userTotp)
      .set({ enabledAt: now })
      .where(and(eq(userTotp.userId, person.id), isNull(userTotp.enabledAt), eq(userTotp.secretSealed, check.sealed)))
      .returning({ userId: userTotp.userId });
    if (!enabled) throw new AppError("conflict", "the setup changed meanwhile: start again");
    const recoveryCodes = await replaceRecoveryCodes(tx, person.id);
    await auditForPerson(tx, person.id, { ...actorFields(principal, person), action: "mfa.totp_enable" });
    return { recoveryCodes };
  });
}
