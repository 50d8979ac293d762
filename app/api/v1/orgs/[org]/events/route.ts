import { apiRoute } from "@/lib/api/route";
import { OrgParams } from "@/lib/api/params";
import { liveEventStream } from "@/lib/api/event-stream";
import { authorizeLiveEvents } from "@/lib/services/events/authorize-live-events";

// The console tab's live stream (server-sent events): which of the org's topics moved. An open
// tab reconnects by itself every two minutes; that is no sign of a person, so it slides no session.
export const GET = apiRoute({ params: OrgParams, slidesSession: false }, async ({ request, principal, params }) => liveEventStream(request, await authorizeLiveEvents(principal, params.org)));
