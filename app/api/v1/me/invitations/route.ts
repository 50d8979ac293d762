import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listMyInvitations } from "@/lib/services/invitations/list-my-invitations";

export const GET = apiRoute({}, async ({ principal }) => ok({ items: await listMyInvitations(principal), nextCursor: null }));
