import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { notifications } from "@/lib/db/schema";
import { orgWithRoles } from "../testing/fixtures";
import { LONG_WAIT_MS, notifyOperationOutcome } from "./operation-outcome";

describe("operation outcome notifications", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
  });
  afterAll(async () => handle.close());

  const outcome = (id: string, status: "succeeded" | "failed", minutes: number) => {
    const finishedAt = new Date("2026-11-22T03:00:00Z");
    return {
      orgId: acme.orgId,
      operationId: id,
      kind: "cluster.create",
      target: { kind: "cluster" as const, id: "cl_1", name: "train" },
      requestedBy: acme.userIds.developer,
      status,
      reason: status === "failed" ? "no capacity" : null,
      startedAt: new Date(finishedAt.getTime() - minutes * 60_000),
      finishedAt,
    };
  };

  const recipientsOf = async (operationId: string) =>
    (await handle.db.select().from(notifications)).filter((n) => n.dedupeKey?.startsWith(`operation:${operationId}:`)).map((n) => n.userId).sort();

  it("tells the person who started a failed operation, and the org's owners and admins, once", async () => {
    await notifyOperationOutcome(handle.db, outcome("op_fail", "failed", 1));
    await notifyOperationOutcome(handle.db, outcome("op_fail", "failed", 1));
    expect(await recipientsOf("op_fail")).toEqual([acme.userIds.developer, acme.userIds.owner, acme.userIds.admin].sort());
  });

  it("reports a success only after a long wait, and only to whoever started it", async () => {
    await notifyOperationOutcome(handle.db, outcome("op_quick", "succeeded", 1));
    expect(await recipientsOf("op_quick")).toEqual([]);
    await notifyOperationOutcome(handle.db, outcome("op_slow", "succeeded", LONG_WAIT_MS / 60_000 + 1));
    expect(await recipientsOf("op_slow")).toEqual([acme.userIds.developer]);
  });
});
