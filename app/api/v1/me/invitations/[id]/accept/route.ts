import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { IdParam } from "@/lib/api/params";
import { acceptInvitation } from "@/lib/services/invitations/accept-invitation";

export const POST = apiRoute({ params: z.object({ id: IdParam }) }, async ({ principal, params }) => ok(await acceptInvitation(principal, params.id)));
