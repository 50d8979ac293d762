// Benchmark (not a test): one endpoint driven from zero replicas to its maximum and back, through
// the real inference gateway, with the embedded simulator on the system clock (10× pace, whole
// catalog cold starts). Reports — never asserts — the requests dropped (must be 0 within the
// cold-start queue's bound), the time to first token of the requests that arrived at zero, and
// the replica count over time with the autoscaler's reasons.
//
//   node scripts/run-ts.mjs bench/autoscaling-cold-start.ts
//   BENCH_BURST=64 BENCH_LOAD_SECONDS=20 node scripts/run-ts.mjs bench/autoscaling-cold-start.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setDbHandle } from "@/lib/db/client";
import { scratchPglite } from "./lib/scratch-pglite";
import { setControlPlane } from "@/lib/control-plane";
import { SystemClock } from "@/lib/control-plane/sim/clock";
import { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { handleInference, setGatewayRateLimit } from "@/lib/gateway/handler";
import { setColdStartLimits } from "@/lib/gateway/cold-start-queue";
import { createEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { createEndpointKey } from "@/lib/services/endpoints/create-endpoint-key";
import { listScalingEvents } from "@/lib/services/endpoints/list-scaling-events";
import { syncEndpoints } from "@/lib/services/endpoints/testing";
import { orgWithRoles } from "@/lib/services/testing/fixtures";

const BURST = Number(process.env.BENCH_BURST ?? 32);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const MAX_REPLICAS = 4;
const TARGET = 2;

interface Outcome {
  ok: boolean;
  status: number;
  ttftMs: number | null;
  totalMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (values: number[], q: number) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
};

async function main() {
  const handle = await scratchPglite();
  setDbHandle(handle); // the services and the gateway reach the database through the process's handle
  const db = handle.db;
  const sim = await SimulatedControlPlane.open({ db, clock: new SystemClock(), timing: { speed: 10, coldStartFactor: 1, tokenDelayMs: 10 } });
  setControlPlane(sim);
  sim.start(250);
  const syncing = setInterval(() => void syncEndpoints(db).catch((e) => console.error("sync", e)), 500);
  setGatewayRateLimit(1e9, 1e9);
  setColdStartLimits({ maxWaiting: BURST, timeoutMs: 60_000 });

  const org = await orgWithRoles(db, "bench-autoscale");
  const created = await createEndpoint(sim, org.as.developer, org.slug, {
    name: "bench-autoscale",
    modelId: "sarashina2.2-3b-instruct",
    shapeId: "l40s-1x",
    zoneId: "jp-tokyo-1a",
    minReplicas: 0,
    maxReplicas: MAX_REPLICAS,
    autoscaling: { metric: "concurrent_requests", target: TARGET, scaleUpDelaySeconds: 0, scaleDownDelaySeconds: 5, scaleToZeroAfterSeconds: 30 },
  });
  const endpointId = created.id;
  while ((await sim.getEndpoint(endpointId)).status !== "running") await sleep(200);
  await syncEndpoints(db);
  const { secret } = await createEndpointKey(org.as.developer, org.slug, endpointId, { name: "bench" });

  const gateway = http.createServer((req, res) => void handleInference(req, res));
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/inference/${endpointId}/v1/chat/completions`;

  const startedAt = Date.now();
  const timeline: Array<{ t: number; replicas: number; ready: number }> = [];
  const sampling = setInterval(() => {
    void sim.getEndpoint(endpointId).then((e) => {
      const last = timeline[timeline.length - 1];
      if (!last || last.replicas !== e.replicas.current || last.ready !== e.replicas.ready) timeline.push({ t: Date.now() - startedAt, replicas: e.replicas.current, ready: e.replicas.ready });
    });
  }, 100);

  async function one(i: number): Promise<Outcome> {
    const t0 = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: `負荷試験の質問 ${i}` }], stream: true, max_tokens: 24 }),
      });
      if (!response.ok || !response.body) return { ok: false, status: response.status, ttftMs: null, totalMs: performance.now() - t0 };
      let ttftMs: number | null = null;
      let text = "";
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        text += decoder.decode(read.value, { stream: true });
        if (ttftMs === null && text.includes('"content":"') && /"content":"[^"]/.test(text)) ttftMs = performance.now() - t0;
      }
      return { ok: text.endsWith("data: [DONE]\n\n"), status: response.status, ttftMs, totalMs: performance.now() - t0 };
    } catch {
      return { ok: false, status: 0, ttftMs: null, totalMs: performance.now() - t0 };
    }
  }

  // 1. From zero: a burst the size of the queue's bound arrives at once.
  const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => one(i)));
  const coldMs = Date.now() - startedAt;

  // 2. Sustained load: enough clients in flight for the maximum (target × max).
  const sustained: Outcome[] = [];
  const until = Date.now() + LOAD_SECONDS * 1000;
  let n = BURST;
  await Promise.all(
    Array.from({ length: TARGET * MAX_REPLICAS }, async () => {
      while (Date.now() < until) sustained.push(await one(n++));
    }),
  );
  const loadEndedAt = Date.now() - startedAt;

  // 3. Idle: back down, then to zero after the idle period.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && (await sim.getEndpoint(endpointId)).replicas.current > 0) await sleep(500);
  clearInterval(sampling);
  clearInterval(syncing);

  const events = (await listScalingEvents(sim, org.as.viewer, org.slug, endpointId, { limit: 200 })).items.reverse();
  const all = [...burst, ...sustained];
  const dropped = all.filter((o) => !o.ok);
  const coldTtft = burst.map((o) => o.ttftMs).filter((v): v is number => v !== null);
  const warmTtft = sustained.map((o) => o.ttftMs).filter((v): v is number => v !== null);
  const peak = Math.max(0, ...timeline.map((s) => s.replicas));

  console.log(`\nAutoscaling from zero through the gateway — burst ${BURST} (= the queue's bound), then ${TARGET * MAX_REPLICAS} clients for ${LOAD_SECONDS} s; target ${TARGET} in flight per replica, max ${MAX_REPLICAS}; simulator at 10× pace`);
  console.log(`requests: ${all.length}   dropped: ${dropped.length} (burst ${burst.filter((o) => !o.ok).length} of ${BURST}, sustained ${sustained.filter((o) => !o.ok).length} of ${sustained.length})${dropped.length ? `   statuses: ${[...new Set(dropped.map((o) => o.status))].join(", ")}` : ""}`);
  console.log(`time to first token, requests that arrived at zero: p50 ${quantile(coldTtft, 0.5)} ms, max ${quantile(coldTtft, 1)} ms (burst answered after ${coldMs} ms)`);
  console.log(`time to first token, warm (sustained load):          p50 ${quantile(warmTtft, 0.5)} ms, p95 ${quantile(warmTtft, 0.95)} ms`);
  console.log(`replicas: peak ${peak} of ${MAX_REPLICAS}; load ended at ${(loadEndedAt / 1000).toFixed(1)} s`);
  console.log("replicas over time (t s: held / ready):");
  for (const s of timeline) console.log(`  ${(s.t / 1000).toFixed(1).padStart(6)}  ${s.replicas} / ${s.ready}`);
  console.log("scaling events:");
  for (const e of events) console.log(`  ${((Date.parse(e.at) - startedAt) / 1000).toFixed(1).padStart(6)}  ${e.fromReplicas} → ${e.toReplicas}  ${e.cause}${e.observed !== null ? ` (observed ${e.observed}, target ${e.target}, window ${e.windowSeconds} s)` : e.windowSeconds ? ` (window ${e.windowSeconds} s)` : ""}`);
  console.log(JSON.stringify({ bench: "autoscaling-cold-start", burst: BURST, requests: all.length, dropped: dropped.length, coldTtftP50Ms: quantile(coldTtft, 0.5), coldTtftMaxMs: quantile(coldTtft, 1), warmTtftP50Ms: quantile(warmTtft, 0.5), peakReplicas: peak, timeline, events }));

  gateway.closeAllConnections();
  gateway.close();
  await sim.close();
  await handle.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
