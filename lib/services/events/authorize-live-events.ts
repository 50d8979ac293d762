import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";
import type { LiveTopic } from "@/lib/domain/live-marks";

/** The topics of this org the caller may follow live: those whose lists they may read, and their own notifications. */
export async function authorizeLiveEvents(principal: Principal, slug: string): Promise<{ orgId: string; userId: string; topics: LiveTopic[] }> {
  const { orgId, access } = await orgContext(principal, slug, "org.read");
  const topics: LiveTopic[] = ["notifications"];
  if (access.permissions.includes("clusters.read")) topics.push("clusters");
  if (access.permissions.includes("endpoints.read")) topics.push("endpoints");
  if (access.permissions.includes("attestations.read")) topics.push("attestations");
  return { orgId, userId: principal.userId, topics };
}
