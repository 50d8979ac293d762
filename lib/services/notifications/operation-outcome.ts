import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { memberships, orgs } from "@/lib/db/schema";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { notifyUsers } from "./notify";

// Issue 10: a failed operation goes to whoever started it and the org's admins; a success is
// news only when it took long enough that the person has likely moved on.

export const LONG_WAIT_MS = 5 * 60_000;

const PAGES = { cluster: "clusters", endpoint: "endpoints", reservation: "reservations" } as const;

export interface OperationOutcome {
  orgId: string;
  operationId: string;
  kind: string;
  target: { kind: "cluster" | "endpoint" | "reservation"; id: string; name: string };
  requestedBy: string | null;
  status: "succeeded" | "failed";
  reason?: string | null;
  startedAt: Date;
  finishedAt: Date;
}

export async function notifyOperationOutcome(db: DbOrTx, outcome: OperationOutcome): Promise<void> {
  const longWait = outcome.finishedAt.getTime() - outcome.startedAt.getTime() >= LONG_WAIT_MS;
  if (outcome.status === "succeeded" && !longWait) return;
  const recipients = new Set<string>();
  if (outcome.requestedBy) recipients.add(outcome.requestedBy);
  if (outcome.status === "failed") {
    const admins = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, outcome.orgId), inArray(memberships.role, [...NOTIFICATION_AUDIENCE.operation])));
    for (const a of admins) recipients.add(a.userId);
  }
  // requestedBy may be a token's creator who has since left: only current members are told.
  const members = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, outcome.orgId));
  const current = new Set(members.map((m) => m.userId));
  const [org] = await db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, outcome.orgId)).limit(1);
  const key = outcome.status === "failed" ? "operationFailed" : "operationSucceeded";
  await notifyUsers(
    db,
    outcome.orgId,
    [...recipients].filter((u) => current.has(u)),
    {
      category: "operation",
      titleKey: `${key}.title`,
      bodyKey: `${key}.body`,
      params: { target: outcome.target.name, kind: outcome.kind, reason: outcome.reason ?? "" },
      link: org ? `/${org.slug}/${PAGES[outcome.target.kind]}/${outcome.target.id}` : null,
      dedupeKey: `operation:${outcome.operationId}:${outcome.status}`,
    },
    outcome.finishedAt,
  );
}
