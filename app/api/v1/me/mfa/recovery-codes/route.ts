import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { MfaProofInput } from "@/lib/domain/mfa";
import { regenerateRecoveryCodes } from "@/lib/services/mfa/regenerate-recovery-codes";

export const POST = apiRoute({ body: MfaProofInput }, async ({ principal, body }) => ok(await regenerateRecoveryCodes(principal, body)));
