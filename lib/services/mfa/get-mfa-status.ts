import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { userRecoveryCodes, userTotp } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { MfaStatus } from "@/lib/domain/mfa";
import { loadPerson } from "./mfa-person";

/** The caller's own second factor: set up or not, and how many recovery codes are left. */
export async function getMfaStatus(principal: Principal): Promise<MfaStatus> {
  const db = await getDb();
  const person = await loadPerson(db, principal);
  const [totp] = await db.select({ enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, person.id)).limit(1);
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, person.id), isNull(userRecoveryCodes.usedAt)));
  return {
    available: Boolean(person.passwordHash),
    totp: { enabled: Boolean(totp?.enabledAt), enabledAt: totp?.enabledAt?.toISOString() ?? null, pending: Boolean(totp && !totp.enabledAt) },
    recoveryCodesRemaining: totp?.enabledAt ? (left?.n ?? 0) : 0,
  };
}
