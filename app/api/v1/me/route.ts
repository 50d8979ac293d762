import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { UpdateMeInput } from "@/lib/domain/me";
import { getMe } from "@/lib/services/me/get-me";
import { updateMe } from "@/lib/services/me/update-me";

export const GET = apiRoute({}, async ({ principal }) => ok(getMe(principal, principal.kind === "api_token" ? "api_token" : "session")));

export const PATCH = apiRoute({ body: UpdateMeInput }, async ({ principal, body }) => {
  const updated = await updateMe(principal, body);
  return ok(getMe(updated, "session"));
});
