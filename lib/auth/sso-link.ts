import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { orgIdentityProviders, ssoLinkRequests, userIdentities, users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { newId } from "@/lib/domain/ids";
import { hashSecret, newSecret } from "./secrets";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";
import type { SecondStep } from "./mfa/password-second-step";
import { signInWithPassword } from "./sign-in-password";

// Linking an existing account to an SSO identity (issue 14, item 2). An SSO login whose e-mail
// matches an account not yet bound to that (issuer, subject) signs nobody in: it leaves a link
// request whose token only the browser that did the login holds (an httpOnly cookie). The link
// is made when the account's owner then proves the account's password in that same browser —
// never on e-mail match alone, and never from a URL someone could send to the victim.

export const SSO_LINK_COOKIE = "hinoki.sso-link";
export const SSO_LINK_TTL_MS = 10 * 60 * 1000;

export interface SsoIdentityClaim {
  providerId: string;
  issuer: string;
  subject: string;
  email: string;
}

export interface PendingLink extends SsoIdentityClaim {
  id: string;
  userId: string;
  userEmail: string;
  expiresAt: Date;
}

export async function createLinkRequest(db: DbOrTx, userId: string, claim: SsoIdentityClaim, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret("lnk_");
  const expiresAt = new Date(now.getTime() + SSO_LINK_TTL_MS);
  await db.insert(ssoLinkRequests).values({ id: newId("ssoLink", now.getTime()), tokenHash: hashSecret(token), userId, ...claim, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The open, unexpired link request this browser's token names, or null. */
export async function pendingLink(db: DbOrTx, token: string | null | undefined, now = new Date()): Promise<PendingLink | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ link: ssoLinkRequests, userEmail: users.email })
    .from(ssoLinkRequests)
    .innerJoin(users, eq(users.id, ssoLinkRequests.userId))
    .where(and(eq(ssoLinkRequests.tokenHash, hashSecret(token)), isNull(ssoLinkRequests.completedAt), gt(ssoLinkRequests.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const { link } = row;
  return { id: link.id, userId: link.userId, userEmail: row.userEmail, providerId: link.providerId, issuer: link.issuer, subject: link.subject, email: link.email, expiresAt: link.expiresAt };
}

export type CompleteLinkResult = { ok: true } | { ok: false; reason: "expired" | "wrong_account" | "identity_taken" };

/**
 * Binds the identity of a pending link to the account whose password was just proven. The
 * request is claimed atomically (a second completion finds it done), and the unique keys on
 * (issuer, subject) and (user, issuer) refuse a subject already bound elsewhere.
 */
export async function completeLink(
  db: Db,
  token: string,
  provenUserId: string,
  audit: { ip: string | null; actorName: string },
  now = new Date(),
): Promise<CompleteLinkResult> {
  const link = await pendingLink(db, token, now);
  if (!link) return { ok: false, reason: "expired" };
  if (link.userId !== provenUserId) return { ok: false, reason: "wrong_account" };
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .update(ssoLinkRequests)
        .set({ completedAt: now })
        .where(and(eq(ssoLinkRequests.id, link.id), isNull(ssoLinkRequests.completedAt)))
        .returning({ id: ssoLinkRequests.id });
      if (claimed.length === 0) return { ok: false, reason: "expired" } as const;
      await tx.insert(userIdentities).values({
        id: newId("userIdentity", now.getTime()),
        userId: link.userId,
        issuer: link.issuer,
        subject: link.subject,
        providerId: link.providerId,
        email: link.email,
        createdAt: now,
        lastUsedAt: now,
      });
      // An org provider's link is the org's business (its log); the staff IdP's is the platform's.
      const [idp] = await tx.select({ orgId: orgIdentityProviders.orgId }).from(orgIdentityProviders).where(eq(orgIdentityProviders.id, link.providerId)).limit(1);
      await insertAuditEvent(tx, {
        orgId: idp?.orgId ?? null,
        actorType: "user",
        actorId: link.userId,
        actorName: audit.actorName,
        action: "user.identity_link",
        targetType: "user",
        targetId: link.userId,
        data: { issuer: link.issuer, subject: link.subject, assertedEmail: link.email, providerId: link.providerId, proof: "password" },
        ip: audit.ip,
      });
      return { ok: true } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "identity_taken" };
    throw error;
  }
}

export type LinkWithPasswordResult =
  | { ok: true; user: { id: string; email: string; name: string }; issuer: string; amr: AuthMethod[] }
  | { ok: false; reason: "expired" | "invalid" | "identity_taken" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | Extract<SecondStep, { ok: false }>;

/**
 * The owner's proof: the password of the account the link request names, and its second factor
 * when it has one (throttled like any password sign-in), then the link. Nothing is linked on a wrong password.
 */
export async function completeLinkWithPassword(
  db: Db,
  token: string | null | undefined,
  password: string,
  ip: string | null,
  secondFactorCode?: string,
): Promise<LinkWithPasswordResult> {
  const link = await pendingLink(db, token);
  if (!link || !token) return { ok: false, reason: "expired" };
  const proof = await signInWithPassword(db, link.userEmail, password, ip, new Date(), secondFactorCode);
  if (!proof.ok) return proof;
  const done = await completeLink(db, token, proof.user.id, { ip, actorName: `${proof.user.name} <${proof.user.email}>` });
  if (!done.ok) return { ok: false, reason: done.reason === "identity_taken" ? "identity_taken" : "expired" };
  return { ok: true, user: proof.user, issuer: link.issuer, amr: proof.amr };
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
