import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { userRecoveryCodes } from "@/lib/db/schema";
import { hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/mfa/recovery-codes";
import { newId } from "@/lib/domain/ids";

/** Replaces a person's recovery codes with a fresh set; returns the codes (shown once), keeps only hashes. */
export async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.insert(userRecoveryCodes).values(codes.map((code) => ({ id: newId("recoveryCode"), userId, codeHash: hashRecoveryCode(userId, code) })));
  return codes;
}
