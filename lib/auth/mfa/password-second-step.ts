import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { userRecoveryCodes } from "@/lib/db/schema";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";
import { auditForPerson } from "./audit-for-person";
import { hasEnabledTotp, verifySecondFactor } from "./second-factor";

// The second step of a password sign-in. It runs only after the password was verified (so
// whether an account has MFA is never told to someone without the password), and the session is
// issued only when it passes: there is no half-signed-in state to skip from.

export type SecondStep =
  | { ok: true; amr: AuthMethod[] }
  | { ok: false; reason: "mfa_required" | "mfa_invalid" | "mfa_replayed" | "mfa_throttled"; retryAfterSeconds?: number };

export async function passwordSecondStep(
  db: Db,
  user: { id: string; name: string; email: string },
  code: string | undefined,
  ip: string | null,
  now = new Date(),
): Promise<SecondStep> {
  if (!(await hasEnabledTotp(db, user.id))) return { ok: true, amr: ["pwd"] };
  if (!code?.trim()) return { ok: false, reason: "mfa_required" };
  const check = await verifySecondFactor(db, user.id, code, { state: "enabled", allowRecoveryCode: true, now });
  if (!check.ok) {
    if (check.reason === "throttled") return { ok: false, reason: "mfa_throttled", retryAfterSeconds: check.retryAfterSeconds };
    return { ok: false, reason: check.reason === "replayed" ? "mfa_replayed" : "mfa_invalid" };
  }
  if (check.method === "recovery_code") {
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(userRecoveryCodes)
      .where(and(eq(userRecoveryCodes.userId, user.id), isNull(userRecoveryCodes.usedAt)));
    await auditForPerson(db, user.id, {
      actorType: "user",
      actorId: user.id,
      actorName: `${user.name} <${user.email}>`,
      action: "mfa.recovery_code_use",
      targetType: "user",
      targetId: user.id,
      data: { remaining: left?.n ?? 0 },
      ip,
    });
  }
  return { ok: true, amr: ["pwd", "otp"] };
}
