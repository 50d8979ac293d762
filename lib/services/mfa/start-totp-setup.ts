import "server-only";
import { isNull } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { userTotp } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { newTotpSecret, totpUri } from "@/lib/auth/mfa/totp";
import { sealTotpSecret } from "@/lib/auth/mfa/totp-secret-seal";
import { AppError } from "@/lib/domain/errors";
import type { TotpSetup } from "@/lib/domain/mfa";
import { actorFields, loadPerson, requirePasswordAccount } from "./mfa-person";

/**
 * Step one of setup: a new secret, sealed at rest, pending until the person proves their app holds
 * it (confirm-totp-setup). Starting again replaces a pending secret; an enabled one must be
 * removed first. The QR code is drawn here, so the browser fetches nothing from another host.
 */
export async function startTotpSetup(principal: Principal): Promise<TotpSetup> {
  const db = await getDb();
  const person = await loadPerson(db, principal);
  requirePasswordAccount(person);
  const secret = newTotpSecret();
  const { sealed, kekId } = sealTotpSecret(person.id, secret);
  const stored = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(userTotp)
      .values({ userId: person.id, secretSealed: sealed, kekId })
      .onConflictDoUpdate({ target: userTotp.userId, set: { secretSealed: sealed, kekId, lastUsedStep: null, createdAt: new Date() }, setWhere: isNull(userTotp.enabledAt) })
      .returning({ userId: userTotp.userId });
    if (!row) return false;
    await insertAuditEvent(tx, { orgId: null, ...actorFields(principal, person), action: "mfa.totp_setup_start" });
    return true;
  });
  if (!stored) throw new AppError("mfa_already_enabled", "two-step verification is already on; turn it off first to set up another app");
  const otpauthUri = totpUri(secret, person.email);
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, otpauthUri, qrSvg };
}

