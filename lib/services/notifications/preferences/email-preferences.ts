import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { notificationEmailPreferences } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { EMAIL_DEFAULTS, UpdateEmailPreferencesInput, type EmailPreferences, type RoutedCategory } from "@/lib/domain/notification-routing";
import { recordAudit } from "../../audit/record";

// A person's own choice, per category, of whether notifications also come by e-mail.

export async function getEmailPreferences(principal: Principal): Promise<EmailPreferences> {
  if (principal.kind !== "user") throw new AppError("forbidden", "preferences belong to people");
  const db = await getDb();
  const rows = await db.select().from(notificationEmailPreferences).where(eq(notificationEmailPreferences.userId, principal.userId));
  return {
    categories: (Object.keys(EMAIL_DEFAULTS) as RoutedCategory[]).map((category) => ({
      category,
      email: rows.find((r) => r.category === category)?.email ?? EMAIL_DEFAULTS[category],
    })),
  };
}

export async function updateEmailPreferences(principal: Principal, rawInput: EmailPreferences): Promise<EmailPreferences> {
  if (principal.kind !== "user") throw new AppError("forbidden", "preferences belong to people");
  const input = UpdateEmailPreferencesInput.parse(rawInput);
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const { category, email } of input.categories) {
      await tx
        .insert(notificationEmailPreferences)
        .values({ userId: principal.userId, category, email })
        .onConflictDoUpdate({ target: [notificationEmailPreferences.userId, notificationEmailPreferences.category], set: { email, updatedAt: new Date() } });
    }
    await recordAudit(tx, principal, null, { action: "user.notification_preferences", targetType: "user", targetId: principal.userId, data: { categories: input.categories } });
  });
  return getEmailPreferences(principal);
}
