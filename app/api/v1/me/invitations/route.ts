import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listMyInvitations } from "@/lib/services/invitations/list-my-invitations";

export const GET = apiRoute({}, async ({ principal }) => ok(await listMyInvitations(principal)));
