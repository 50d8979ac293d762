import "server-only";
import { intervalSetting } from "@/lib/server/env-settings";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { registerDemoSeeder } from "../demo/seed-demo-data";
import { closePreviousMonthIfDue } from "./close-billing-month";
import { ingestMeteringFromControlPlane } from "./ingest-metering";
import { seedDemoBilling } from "./seed-demo-billing";

// Billing in the console process: metering ingestion (then budget alerts) every few seconds, the
// month close once the previous JST month is over, and the demo org's money.

registerBackgroundTask({
  name: "billing.ingest-metering",
  intervalMs: intervalSetting("HINOKI_BILLING_INGEST_INTERVAL_MS", 5_000),
  // Once per fleet (lease): two ingesters would read the same pages (the engine stores each
  // record once, so nothing doubles, but the work would).
  fleetOnce: true,
  async run() {
    await ingestMeteringFromControlPlane(await getDb(), await getControlPlane());
  },
});

registerBackgroundTask({
  name: "billing.close-month",
  intervalMs: intervalSetting("HINOKI_BILLING_CLOSE_INTERVAL_MS", 60_000),
  // Once per fleet (lease); an invoice is issued once per org and month even by concurrent
  // closes (unique index), and its notification is deduplicated by the invoice id.
  fleetOnce: true,
  async run() {
    const report = await closePreviousMonthIfDue(await getDb());
    if (report) {
      const issued = report.results.filter((r) => r.issued).length;
      const failed = report.results.filter((r) => r.error);
      console.log(`[billing] month ${report.month} closed: ${issued} invoice(s) issued, ${report.results.length - issued - failed.length} already issued, ${failed.length} failed`);
      for (const f of failed) console.error(`[billing] month close ${report.month} for ${f.orgId}: ${f.error}`);
    }
  },
});

registerDemoSeeder("billing", async (db) => {
  await seedDemoBilling(db);
});
