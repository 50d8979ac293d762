// Staff routes read the body as-is and let the service validate it after the staff check, so a
// customer gets the same 404 whatever they send.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import type { PutContractInput } from "@/lib/domain/staff";
import { getAccountContract } from "@/lib/services/contracts/get-account-contract";
import { putAccountContract } from "@/lib/services/contracts/put-account-contract";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getAccountContract(principal, params.org)));

export const PUT = apiRoute({ params: OrgParams, body: z.unknown() }, async ({ principal, params, body }) => ok(await putAccountContract(principal, params.org, body as PutContractInput)));
