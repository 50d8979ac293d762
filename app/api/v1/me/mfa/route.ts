import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { getMfaStatus } from "@/lib/services/mfa/get-mfa-status";

export const GET = apiRoute({}, async ({ principal }) => ok(await getMfaStatus(principal)));
