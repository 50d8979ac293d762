import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { verifyChainFor } from "@/lib/services/billing/verify-invoice-chain";

export const GET = apiRoute({}, async ({ principal }) => ok(await verifyChainFor(principal)));
