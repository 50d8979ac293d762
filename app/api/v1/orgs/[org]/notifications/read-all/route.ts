import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { markAllNotificationsRead } from "@/lib/services/notifications/update-notification";

export const POST = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await markAllNotificationsRead(principal, params.org)));
