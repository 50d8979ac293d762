import "server-only";
import nodemailer from "nodemailer";
import { getDb } from "@/lib/db/client";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { deliverPendingEmails, releaseStaleClaims } from "./deliver-pending-emails";
import { smtpConfig } from "./smtp-config";

// With SMTP configured, the server sends notification e-mail from its outbox every few seconds.
const config = smtpConfig();
if (config) {
  const transport = nodemailer.createTransport(config.url);
  registerBackgroundTask({
    name: "notification-email",
    intervalMs: Number(process.env.HINOKI_MAIL_INTERVAL_MS ?? 5000),
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
