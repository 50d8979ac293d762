import { z } from "zod";
import { OrgParams } from "../../params";
import type { ApiOperation } from "../types";

/** The data of one `event: marks` message: an opaque mark per topic the caller may follow; a topic whose mark changed has moved. */
export const LiveMarks = z.object({ clusters: z.string().optional(), endpoints: z.string().optional(), attestations: z.string().optional(), notifications: z.string().optional() });

export const liveEventOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/orgs/{org}/events",
    operationId: "streamOrgEvents",
    summary:
      "Server-sent events: `event: marks` whenever clusters, endpoints (with their operations), residency attestations or your notifications in this org moved (within about a second); data is LiveMarks. The stream ends after two minutes and EventSource reconnects",
    tag: "Organizations",
    params: OrgParams,
    responses: { 200: { description: "An event stream", schema: LiveMarks, contentType: "text/event-stream" } },
  },
];
