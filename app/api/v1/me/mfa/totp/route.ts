import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { MfaProofInput } from "@/lib/domain/mfa";
import { removeTotp } from "@/lib/services/mfa/remove-totp";
import { startTotpSetup } from "@/lib/services/mfa/start-totp-setup";

// Not idempotent on purpose: the response carries the new secret, which is never stored for replay.
export const POST = apiRoute({}, async ({ principal }) => ok(await startTotpSetup(principal)));

export const DELETE = apiRoute({ body: MfaProofInput }, async ({ principal, body }) => {
  await removeTotp(principal, body);
  return noContent();
});
