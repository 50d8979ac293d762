import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { UpdateNotificationInput } from "@/lib/domain/notifications";
import { updateNotification } from "@/lib/services/notifications/update-notification";

export const PATCH = apiRoute({ params: OrgIdParams, body: UpdateNotificationInput }, async ({ principal, params, body }) => ok(await updateNotification(principal, params.org, params.id, body)));
