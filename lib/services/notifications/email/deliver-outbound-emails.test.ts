import { once } from "node:events";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { outboundEmails } from "@/lib/db/schema";
import { orgWithRoles } from "../../testing/fixtures";
import { createInvitation } from "../../invitations/create-invitation";
import { backoffMs } from "./deliver-pending-emails";
import { deliverOutboundEmails } from "./deliver-outbound-emails";
import { logTransport } from "./log-transport";
import { decodedBody, startSmtpSink } from "./smtp-sink";

// Invitation links travel through the outbox to the invitee's mailbox (SMTP) or, without a
// mail server, to the server log. Either way: delivered once, and the link does not stay in
// the database after delivery.

const LINK = /http:\/\/localhost:\d+\/invite\/hkinv_[A-Za-z0-9_-]+/;

describe("outbound e-mail (invitation links)", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  const config = { from: "Hinoki <noreply@hinoki.example>", delivered: "sent" as const };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
  });
  afterAll(async () => handle.close());

  it("delivers an invitation to the invitee's mailbox once, keeps it while SMTP is down, and erases the link after", async () => {
    const placeholder = await startSmtpSink();
    const port = placeholder.port;
    placeholder.server.close();
    await once(placeholder.server.server, "close").catch(() => undefined);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });

    await createInvitation(acme.as.owner, "acme", { email: "invitee@example.com", role: "developer" });
    const t0 = new Date();
    expect(await deliverOutboundEmails(handle.db, transport, config, t0)).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const [waiting] = await handle.db.select().from(outboundEmails);
    expect(waiting).toMatchObject({ status: "retry", attempts: 1 });
    expect(waiting.body).toMatch(LINK);

    const smtp = await startSmtpSink(port);
    try {
      const later = new Date(t0.getTime() + backoffMs(1) + 1000);
      // Two senders at once (two console instances): the message goes out once.
      const rounds = await Promise.all([deliverOutboundEmails(handle.db, transport, config, later), deliverOutboundEmails(handle.db, transport, config, later)]);
      expect(rounds.reduce((n, r) => n + r.sent, 0)).toBe(1);
      expect(await deliverOutboundEmails(handle.db, transport, config, new Date(later.getTime() + 3600_000))).toEqual({ sent: 0, failed: 0, skipped: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual(["invitee@example.com"]);
      const text = decodedBody(smtp.received[0].raw);
      expect(text).toContain("acme株式会社");
      expect(text).toContain("法人番号の登録なし");
      expect(text).toContain("owner（owner@acme.example）");
      expect(text).toContain("acme K.K.");
      expect(text).toMatch(LINK);
    } finally {
      smtp.server.close();
    }
    const [delivered] = await handle.db.select().from(outboundEmails);
    expect(delivered).toMatchObject({ status: "sent", body: null, toAddress: "invitee@example.com", kind: "invitation" });
  });

  it("without SMTP, prints the message to the server log instead, once", async () => {
    await createInvitation(acme.as.owner, "acme", { email: "logged@example.com", role: "viewer" });
    const log: string[] = [];
    const round = await deliverOutboundEmails(handle.db, logTransport((text) => log.push(text)), { from: config.from, delivered: "logged" });
    expect(round).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(log).toHaveLength(1);
    expect(log[0]).toContain("To: logged@example.com");
    expect(log[0]).toMatch(LINK);
    expect(await deliverOutboundEmails(handle.db, logTransport((text) => log.push(text)), { from: config.from, delivered: "logged" })).toEqual({ sent: 0, failed: 0, skipped: 0 });
    const [row] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, "logged@example.com"));
    expect(row).toMatchObject({ status: "logged", body: null });
  });

  it("drops a message whose link expired before it could be delivered", async () => {
    await createInvitation(acme.as.owner, "acme", { email: "stale@example.com", role: "viewer" });
    const log: string[] = [];
    const eightDaysLater = new Date(Date.now() + 8 * 86400_000);
    await deliverOutboundEmails(handle.db, logTransport((text) => log.push(text)), { from: config.from, delivered: "logged" }, eightDaysLater);
    expect(log).toEqual([]);
    const [row] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, "stale@example.com"));
    expect(row).toMatchObject({ status: "failed", body: null });
  });
});
