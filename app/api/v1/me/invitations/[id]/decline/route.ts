import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { IdParam } from "@/lib/api/params";
import { declineInvitation } from "@/lib/services/invitations/decline-invitation";

export const POST = apiRoute({ params: z.object({ id: IdParam }) }, async ({ principal, params }) => {
  await declineInvitation(principal, params.id);
  return noContent();
});
