import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { UpdateMeInput } from "@/lib/domain/me";
import { recordAudit } from "../audit/record";

/** A person's own name and language (e-mails follow the language chosen here). */
export async function updateMe(principal: Principal, rawInput: UpdateMeInput): Promise<Principal> {
  if (principal.kind !== "user") throw new AppError("forbidden", "only people have a profile");
  const input = UpdateMeInput.parse(rawInput);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set(input).where(eq(users.id, principal.userId));
    await recordAudit(tx, principal, null, { action: "user.update", targetType: "user", targetId: principal.userId, data: { fields: Object.keys(input) } });
  });
  forgetCachedPrincipals();
  return { ...principal, name: input.name ?? principal.name, locale: input.locale ?? principal.locale };
}
