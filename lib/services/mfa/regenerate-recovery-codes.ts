import "server-only";
import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { auditForPerson } from "@/lib/auth/mfa/audit-for-person";
import { MfaProofInput, type RecoveryCodes } from "@/lib/domain/mfa";
import { actorFields, loadPerson } from "./mfa-person";
import { provePresence } from "./prove-presence";
import { replaceRecoveryCodes } from "./store-recovery-codes";

/** A fresh set of ten recovery codes (shown once); every earlier code stops working. */
export async function regenerateRecoveryCodes(principal: Principal, rawInput: MfaProofInput, now = new Date()): Promise<RecoveryCodes> {
  const input = MfaProofInput.parse(rawInput);
  const db = await getDb();
  const person = await loadPerson(db, principal);
  const proof = await provePresence(db, person, input, now);
  return db.transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, person.id);
    await auditForPerson(tx, person.id, { ...actorFields(principal, person), action: "mfa.recovery_codes_regenerate", data: { proof } });
    return { recoveryCodes };
  });
}
