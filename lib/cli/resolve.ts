import type { HinokiClient } from "@/lib/sdk/client";
import { ok } from "@/lib/sdk/client";
import { CliError, EXIT } from "./exit-codes";
import type { Translate } from "./locale";

// Commands take a resource by its name or its id, as people type them; the API takes ids.

export async function clusterId(api: HinokiClient, org: string, ref: string, t: Translate): Promise<string> {
  if (ref.startsWith("cl_")) return ref;
  const page = await ok(api.GET("/api/v1/orgs/{org}/clusters", { params: { path: { org }, query: { q: ref, limit: 200 } } }));
  const found = page.items.find((c) => c.name === ref && c.status !== "deleted");
  if (!found) throw new CliError(t("clusterNotFound", { name: ref }), EXIT.notFound);
  return found.id;
}

export async function endpointId(api: HinokiClient, org: string, ref: string, t: Translate): Promise<string> {
  if (ref.startsWith("ep_")) return ref;
  for (let cursor: string | undefined; ; ) {
    const page = await ok(api.GET("/api/v1/orgs/{org}/endpoints", { params: { path: { org }, query: { limit: 200, cursor } } }));
    const found = page.items.find((e) => e.name === ref && e.status !== "deleted");
    if (found) return found.id;
    if (!page.nextCursor) throw new CliError(t("endpointNotFound", { name: ref }), EXIT.notFound);
    cursor = page.nextCursor;
  }
}
