import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { z } from "zod";
import type { BookQuery } from "@/lib/domain/staff";
import { listStaffAccounts } from "@/lib/services/staff/list-accounts";

// The query is validated by the service after the staff check (customers get a 404 whatever they send).
export const GET = apiRoute({ query: z.record(z.string(), z.string()) }, async ({ principal, query }) => ok(await listStaffAccounts(principal, query as BookQuery)));
