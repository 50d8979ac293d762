import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { userRecoveryCodes, userTotp } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { auditForPerson } from "@/lib/auth/mfa/audit-for-person";
import { MfaProofInput } from "@/lib/domain/mfa";
import { actorFields, loadPerson } from "./mfa-person";
import { provePresence } from "./prove-presence";

/**
 * Turns the second factor off, with a current code (or recovery code) or the password. The
 * session in hand keeps how it signed in; the next sign-in is by password alone, so an org that
 * requires MFA, and the staff area, stop this person again until they set it up anew.
 */
export async function removeTotp(principal: Principal, rawInput: MfaProofInput, now = new Date()): Promise<void> {
  const input = MfaProofInput.parse(rawInput);
  const db = await getDb();
  const person = await loadPerson(db, principal);
  const proof = await provePresence(db, person, input, now);
  await db.transaction(async (tx) => {
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, person.id));
    await tx.delete(userTotp).where(eq(userTotp.userId, person.id));
    await auditForPerson(tx, person.id, { ...actorFields(principal, person), action: "mfa.totp_disable", data: { proof } });
  });
}
