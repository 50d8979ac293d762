import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { ConfirmTotpInput } from "@/lib/domain/mfa";
import { confirmTotpSetup } from "@/lib/services/mfa/confirm-totp-setup";

export const POST = apiRoute({ body: ConfirmTotpInput }, async ({ principal, body }) => ok(await confirmTotpSetup(principal, body)));
