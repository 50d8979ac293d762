import { createHinokiClient } from "@/lib/sdk/client";

// The console's own client of /api/v1: the SDK every customer uses, on the session cookie (same
// origin). No retries here — react-query retries queries, and a mutation's retry is the user's.
// Call it as `ok<Cluster>(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }))`:
// the path, its parameters and the body are checked against the OpenAPI document's types, and the
// answer against the shape the page reads.
export const api = createHinokiClient({ retries: 0 });
export { ok } from "@/lib/sdk/client";
