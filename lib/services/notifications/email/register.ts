import "server-only";
import { intervalSetting } from "@/lib/server/env-settings";
import nodemailer from "nodemailer";
import { getDb } from "@/lib/db/client";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { deliverOutboundEmails, releaseStaleOutboundClaims } from "./deliver-outbound-emails";
import { deliverPendingEmails, releaseStaleClaims } from "./deliver-pending-emails";
import { logTransport } from "./log-transport";
import { mailFrom, smtpConfig } from "./smtp-config";

const intervalMs = intervalSetting("HINOKI_MAIL_INTERVAL_MS", 5000);

// With SMTP configured, the server sends notification e-mail from its outbox every few seconds.
const config = smtpConfig();
const transport = config ? nodemailer.createTransport(config.url) : null;
if (config && transport) {
  registerBackgroundTask({
    name: "notification-email",
    intervalMs,
    // Once per fleet (lease); a second sender could not take the same notification anyway (the
    // delivery row is claimed by ON CONFLICT DO NOTHING / a conditional UPDATE).
    fleetOnce: true,
    async run() {
      const db = await getDb();
      await releaseStaleClaims(db);
      await deliverPendingEmails(db, transport, config);
    },
  });
}

// Mail to addresses (invitation links) always goes out: through SMTP when configured, otherwise
// printed to the server log — the person who invited never sees the link either way.
registerBackgroundTask({
  name: "outbound-email",
  intervalMs,
  // Once per fleet (lease); a second sender could not take the same mail anyway (each row is
  // claimed with a conditional UPDATE before it is sent).
  fleetOnce: true,
  async run() {
    const db = await getDb();
    await releaseStaleOutboundClaims(db);
    await deliverOutboundEmails(db, transport ?? logTransport(), { from: mailFrom(), delivered: transport ? "sent" : "logged" });
  },
});
