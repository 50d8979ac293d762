import { once } from "node:events";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { notificationEmailDeliveries, notificationEmailPreferences, users } from "@/lib/db/schema";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { orgWithRoles } from "../../testing/fixtures";
import { notifyOrgRoles } from "../notify";
import { backoffMs, deliverPendingEmails } from "./deliver-pending-emails";
import { decodedBody, startSmtpSink } from "./smtp-sink";

// A real SMTP server on loopback receives what the outbox sends: nothing is lost while it is
// down, and nothing is sent twice once it is back.

describe("notification e-mail outbox", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  const config = { from: "Hinoki <noreply@hinoki.example>", consoleUrl: "http://console.test" };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    await handle.db.update(users).set({ locale: "en" }).where(eq(users.id, acme.userIds.billing));
  });
  afterAll(async () => handle.close());

  it("routes each category to the roles whose work it concerns", async () => {
    expect(NOTIFICATION_AUDIENCE.budget).toEqual(["owner", "billing"]);
    expect(NOTIFICATION_AUDIENCE.invoice).toEqual(["owner", "billing"]);
    expect(NOTIFICATION_AUDIENCE.member).toEqual(["owner", "admin"]);
    const created = await notifyOrgRoles(handle.db, acme.orgId, NOTIFICATION_AUDIENCE.budget, {
      category: "budget",
      titleKey: "test.title",
      bodyKey: "test.body",
      params: { percent: 80 },
      link: "/acme/billing/budgets",
      dedupeKey: "budget:test:80",
    });
    expect(created.map((c) => c.userId).sort()).toEqual([acme.userIds.owner, acme.userIds.billing].sort());
  });

  it("keeps mail while the SMTP server is down and delivers it once it is back, never twice", async () => {
    const placeholder = await startSmtpSink();
    const port = placeholder.port;
    placeholder.server.close();
    await once(placeholder.server.server, "close").catch(() => undefined);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });

    const t0 = new Date();
    const down = await deliverPendingEmails(handle.db, transport, config, t0);
    expect(down).toEqual({ sent: 0, failed: 2, skipped: 0 });
    const waiting = await handle.db.select().from(notificationEmailDeliveries);
    expect(waiting.every((d) => d.status === "retry" && d.attempts === 1)).toBe(true);

    // Too early for the retry: nothing is attempted.
    expect(await deliverPendingEmails(handle.db, transport, config, new Date(t0.getTime() + 1000))).toEqual({ sent: 0, failed: 0, skipped: 0 });

    const smtp = await startSmtpSink(port);
    try {
      const later = new Date(t0.getTime() + backoffMs(1) + 1000);
      expect(await deliverPendingEmails(handle.db, transport, config, later)).toEqual({ sent: 2, failed: 0, skipped: 0 });
      expect(await deliverPendingEmails(handle.db, transport, config, new Date(later.getTime() + 3600_000))).toEqual({ sent: 0, failed: 0, skipped: 0 });
      expect(smtp.received.map((m) => m.to).sort()).toEqual(["billing@acme.example", "owner@acme.example"]);

      const japanese = decodedBody(smtp.received.find((m) => m.to === "owner@acme.example")!.raw);
      expect(japanese).toContain("owner 様");
      expect(japanese).toContain("http://console.test/acme/billing/budgets");
      const english = decodedBody(smtp.received.find((m) => m.to === "billing@acme.example")!.raw);
      expect(english).toContain("Dear billing,");
      expect(english).toContain("Settings › Notifications");
    } finally {
      smtp.server.close();
    }
  });

  it("sends nothing to a person who turned e-mail off for the category", async () => {
    await handle.db.insert(notificationEmailPreferences).values({ userId: acme.userIds.owner, category: "invoice", email: false });
    await notifyOrgRoles(handle.db, acme.orgId, NOTIFICATION_AUDIENCE.invoice, { category: "invoice", titleKey: "t", bodyKey: "b", dedupeKey: "invoice:x" });
    const smtp = await startSmtpSink();
    try {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
      expect(await deliverPendingEmails(handle.db, transport, config)).toEqual({ sent: 1, failed: 0, skipped: 1 });
      expect(smtp.received.map((m) => m.to)).toEqual(["billing@acme.example"]);
    } finally {
      smtp.server.close();
    }
  });
});
