import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { rotateSigningKey } from "@/lib/services/attestations/rotate-signing-key";

export const POST = apiRoute({}, async ({ principal }) => ok(await rotateSigningKey(principal)));
