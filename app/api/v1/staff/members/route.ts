import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listStaffMembers } from "@/lib/services/staff/list-staff-members";

export const GET = apiRoute({}, async ({ principal }) => ok(await listStaffMembers(principal)));
