import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { operations } from "@/lib/db/schema";
import { mintSessionCookie } from "@/lib/auth/testing/session-cookies";
import { notifyUsers } from "@/lib/services/notifications/notify";
import { removeMember } from "@/lib/services/members/remove-member";
import { subscriberCount } from "@/lib/services/events/change-feed";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import * as eventsRoute from "@/app/api/v1/orgs/[org]/events/route";
import { startEdgeServer, type EdgeServer } from "./testing/edge-server";

vi.mock("@/lib/auth/next-auth", () => import("./no-cookie-sessions"));

// One live stream per console tab: what a person would notice — a new notification reaches the
// open tab within a couple of seconds without polling, another org's news does not, a stream for
// an org one is not in does not open, and a removed member's stream ends and stays closed.

interface Stream {
  status: number;
  next(timeoutMs: number): Promise<Record<string, string> | "ended" | "timeout">;
  close(): void;
}

async function openStream(base: string, slug: string, cookie?: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/orgs/${slug}/events`, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  // A read that lost a race against the timeout is kept for the next call, not dropped.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  return {
    status: response.status,
    async next(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const boundary = buffer.indexOf("\n\n");
        if (boundary !== -1) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (/^event: marks$/m.test(block) && data) return JSON.parse(data[1]);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) return "timeout";
        pending ??= reader.read();
        const read = await Promise.race([pending, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
        if (read === "timeout") return "timeout";
        pending = null;
        if (read.done) return "ended";
        buffer += decoder.decode(read.value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

describe("live events (one stream per tab)", () => {
  let handle: DbHandle;
  let edge: EdgeServer;
  let base: string;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "live-acme");
    other = await orgWithRoles(handle.db, "live-other");
    edge = await startEdgeServer([{ path: "/api/v1/orgs/[org]/events", module: eventsRoute }]);
    base = edge.base;
  });
  afterAll(async () => {
    await edge.close();
    await handle.close();
  });

  const notify = (orgId: string, userId: string, n: number) =>
    notifyUsers(handle.db, orgId, [userId], { category: "member", titleKey: "memberJoined.title", bodyKey: "memberJoined.body", params: { name: `n${n}`, email: "x@example.com", role: "viewer" } });

  it("brings a new notification to the open tab within seconds, and not another org's", async () => {
    const stream = await openStream(base, "live-acme", await mintSessionCookie(acme.userIds.developer));
    expect(stream.status).toBe(200);
    const first = await stream.next(5_000);
    expect(first).toMatchObject({ notifications: expect.any(String), clusters: expect.any(String), endpoints: expect.any(String) });

    // News for someone else, and in another org: nothing for this tab.
    await notify(other.orgId, other.userIds.developer, 1);
    await notify(acme.orgId, acme.userIds.owner, 2);
    expect(await stream.next(2_500)).toBe("timeout");

    await notify(acme.orgId, acme.userIds.developer, 3);
    const started = Date.now();
    const moved = await stream.next(5_000);
    expect(moved).not.toBe("timeout");
    expect((moved as Record<string, string>).notifications).not.toBe((first as Record<string, string>).notifications);
    expect(Date.now() - started).toBeLessThan(5_000);
    stream.close();
  });

  it("tells the tab when an operation on its org's clusters moves (the engine's one table), not another org's", async () => {
    const stream = await openStream(base, "live-acme", await mintSessionCookie(acme.userIds.owner));
    const first = (await stream.next(5_000)) as Record<string, string>;
    const operation = (orgId: string, id: string) => ({ id, orgId, kind: "cluster.create", targetKind: "cluster", targetId: `cl_${id}`, status: "running" });
    await handle.db.insert(operations).values(operation(other.orgId, "op_live_other"));
    expect(await stream.next(2_500)).toBe("timeout");
    await handle.db.insert(operations).values(operation(acme.orgId, "op_live_acme"));
    const moved = (await stream.next(5_000)) as Record<string, string>;
    expect(moved.clusters).not.toBe(first.clusters);
    expect(moved.endpoints).toBe(first.endpoints);
    stream.close();
  });

  it("does not extend a session by itself (an unattended tab keeps no session alive)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 10 * 60_000);
    const older = await mintSessionCookie(acme.userIds.developer);
    vi.useRealTimers();
    const controller = new AbortController();
    const response = await fetch(`${base}/api/v1/orgs/live-acme/events`, { headers: { cookie: older }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    controller.abort();
  });

  it("opens no stream for an org one is not in, nor without a session", async () => {
    const outsider = await openStream(base, "live-acme", await mintSessionCookie(other.userIds.owner));
    expect(outsider.status).toBe(404);
    const anonymous = await openStream(base, "live-acme");
    expect(anonymous.status).toBe(418); // no session: left to Next, which answers 401 the same way
  });

  it("ends a removed member's stream, and it does not open again", async () => {
    const cookie = await mintSessionCookie(acme.userIds.viewer);
    const stream = await openStream(base, "live-acme", cookie);
    expect(await stream.next(5_000)).not.toBe("timeout");
    await removeMember(acme.as.owner, "live-acme", acme.userIds.viewer);
    expect(await stream.next(5_000)).toBe("ended");
    expect((await openStream(base, "live-acme", cookie)).status).toBe(404);
  });

  it("stops reading the database when the last tab closes", async () => {
    const stream = await openStream(base, "live-acme", await mintSessionCookie(acme.userIds.admin));
    await stream.next(5_000);
    expect(subscriberCount()).toBeGreaterThan(0);
    stream.close();
    await vi.waitFor(() => expect(subscriberCount()).toBe(0), { timeout: 5_000 });
  });
});
