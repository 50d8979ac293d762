import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";

// A person's own second factor is theirs to manage, from their own session: an API token is not a
// person (403), and an account without a password signs in at its identity provider, whose own
// factors apply (422).

export const SSO_ONLY_ACCOUNT = "sso_only_account";

export interface MfaPerson {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
}

export async function loadPerson(db: Db, principal: Principal): Promise<MfaPerson> {
  if (principal.kind !== "user") throw new AppError("forbidden", "a second factor belongs to a person: sign in to manage it");
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId)).limit(1);
  if (!user) throw new AppError("unauthenticated");
  return { id: user.id, email: user.email, name: user.name, passwordHash: user.passwordHash };
}

export function requirePasswordAccount(person: MfaPerson): void {
  if (!person.passwordHash) {
    throw new AppError("business_rule", "this account signs in through single sign-on; its identity provider's factors apply", { reason: SSO_ONLY_ACCOUNT });
  }
}

export function actorFields(principal: Principal, person: MfaPerson) {
  return {
    actorType: "user" as const,
    actorId: person.id,
    actorName: `${person.name} <${person.email}>`,
    targetType: "user",
    targetId: person.id,
    ip: principal.context.ip,
    userAgent: principal.context.userAgent,
    requestId: principal.context.requestId,
  };
}
