import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { UpdateEmailPreferencesInput } from "@/lib/domain/notification-routing";
import { getEmailPreferences, updateEmailPreferences } from "@/lib/services/notifications/preferences/email-preferences";

export const GET = apiRoute({}, async ({ principal }) => ok(await getEmailPreferences(principal)));

export const PUT = apiRoute({ body: UpdateEmailPreferencesInput }, async ({ principal, body }) => ok(await updateEmailPreferences(principal, body)));
