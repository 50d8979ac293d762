import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listStaffAccounts } from "@/lib/services/staff/list-accounts";

export const GET = apiRoute({}, async ({ principal }) => ok({ items: await listStaffAccounts(principal), nextCursor: null }));
