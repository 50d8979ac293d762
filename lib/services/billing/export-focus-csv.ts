import "server-only";
import { focusCsvChunks } from "@/lib/billing";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";
import { resolveRange } from "./date-range";

/** Cost and usage of a JST range in the FinOps FOCUS column set, streamed a day at a time. */
export async function exportFocusCsv(
  principal: Principal,
  slug: string,
  query: { from?: string; to?: string },
  now: Date = new Date(),
): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
  const { db, orgId, access } = await orgContext(principal, slug, "billing.read");
  const { from, to } = resolveRange(query, now);
  return { filename: `hinoki-focus-${access.org.slug}-${from}_${to}.csv`, chunks: focusCsvChunks(db, orgId, from, to) };
}
