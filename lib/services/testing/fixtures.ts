import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, orgs, users } from "@/lib/db/schema";
import { principalForUser } from "@/lib/auth/load-principal";
import type { Principal } from "@/lib/auth/principal";
import { newId } from "@/lib/domain/ids";
import type { OrgRole, StaffRole } from "@/lib/domain/permissions";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";

// Test fixtures for service tests: people, orgs and the Principal a request would resolve to.

export const testContext = { requestId: "req_test", ip: "127.0.0.1", userAgent: "vitest", locale: "ja" as const };

/** A person whose address is proven (as every account that can act is); `unverified` makes one that never proved it. */
export async function createUser(db: Db, email: string, options: { staffRole?: StaffRole; passwordHash?: string; unverified?: boolean } = {}): Promise<string> {
  const id = newId("user");
  await db.insert(users).values({ id, email, name: email.split("@")[0], staffRole: options.staffRole ?? null, passwordHash: options.passwordHash ?? null, emailVerifiedAt: options.unverified ? null : new Date() });
  return id;
}

export async function createOrg(db: Db, slug: string): Promise<string> {
  const id = newId("org");
  await db.insert(orgs).values({ id, slug, legalNameJa: `${slug}株式会社`, legalNameEn: `${slug} K.K.` });
  return id;
}

export async function addMember(db: Db, orgId: string, userId: string, role: OrgRole): Promise<void> {
  await db.insert(memberships).values({ id: newId("membership"), orgId, userId, role });
}

/**
 * The principal of a signed-in session. `amr` is how that session signed in: by default a
 * password, and for provider staff a password and a second factor (staff cannot work without one).
 */
export async function principalOf(db: Db, userId: string, amr?: AuthMethod[]): Promise<Principal> {
  const [user] = await db.select({ staffRole: users.staffRole }).from(users).where(eq(users.id, userId)).limit(1);
  const principal = await principalForUser(db, userId, testContext, amr ?? (user?.staffRole ? ["pwd", "otp"] : ["pwd"]));
  if (!principal) throw new Error(`no user ${userId}`);
  return principal;
}

/** An org with one member per role; returns their principals. */
export async function orgWithRoles(db: Db, slug: string) {
  const orgId = await createOrg(db, slug);
  const ids = {} as Record<OrgRole, string>;
  for (const role of ["owner", "admin", "developer", "billing", "viewer"] as const) {
    ids[role] = await createUser(db, `${role}@${slug}.example`);
    await addMember(db, orgId, ids[role], role);
  }
  const principals = {} as Record<OrgRole, Principal>;
  for (const role of Object.keys(ids) as OrgRole[]) principals[role] = await principalOf(db, ids[role]);
  return { orgId, slug, userIds: ids, as: principals };
}

export async function userIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row?.id;
}

/** A key-encryption key for this test process only (sealed secrets: attestation keys, IdP secrets, TOTP); no development key is written anywhere. */
export function useTestKek(): void {
  process.env.HINOKI_ATTESTATION_KEK ??= randomBytes(32).toString("base64");
}
