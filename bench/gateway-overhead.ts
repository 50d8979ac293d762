// Benchmark (not a test): what the inference gateway costs on the data path. In one run, the
// same streaming and non-streaming chat completions go (a) through the real gateway and (b)
// through a bare Node proxy, both to the same simulated upstream; we print requests/s, p50 and
// p99 of each and the ratio gateway / bare proxy (target ≥ 0.5, architecture.md "Hot paths").
//
//   node scripts/run-ts.mjs bench/gateway-overhead.ts            # 8 s per measurement
//   BENCH_SECONDS=15 BENCH_CONNECTIONS=64 node scripts/run-ts.mjs bench/gateway-overhead.ts
//
// Three processes: upstream, servers (gateway + proxy, never loaded at the same time; bundled as
// the production server is), and this one generating load with autocannon over loopback keep-alive connections.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import readline from "node:readline";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET = 0.5;

// The servers run bundled by esbuild with the server's Node flags, as `npm start` runs the gateway
// (scripts/build-server.mjs): through tsx, every call across modules went through a getter of
// its CommonJS interop, a cost production does not pay. The upstream stays on tsx: it is the same
// for both sides of the comparison.
const SERVERS_BUNDLE = path.join(root, "dist/gateway-bench-servers.mjs");
const SERVER_NODE_FLAGS = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8")) as string[];

async function bundleServers(): Promise<void> {
  await build({
    entryPoints: [path.join(root, "bench/gateway-servers.ts")],
    outfile: SERVERS_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "server-only": path.join(root, "scripts/empty-module.js"), "@": root },
    tsconfig: path.join(root, "tsconfig.json"),
    banner: { js: "import { createRequire as __hinokiCreateRequire } from 'node:module'; const require = __hinokiCreateRequire(import.meta.url);" },
    logLevel: "warning",
  });
}

function child(command: string[]): { proc: ChildProcess; first: Promise<any> } {
  const proc = spawn(process.execPath, command, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const first = new Promise<any>((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.once("line", (line) => resolve(JSON.parse(line)));
    proc.once("exit", (code) => reject(new Error(`${command.join(" ")} exited with ${code}`)));
  });
  return { proc, first };
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the servers' process spent per request answered (µs). */
  cpuMicrosPerRequest: number;
}

let cpuPort = 0;
const cpuMicros = async () => ((await (await fetch(`http://127.0.0.1:${cpuPort}/`)).json()) as { cpuMicros: number }).cpuMicros;

async function measure(url: string, body: string, headers: Record<string, string>, seconds = SECONDS): Promise<Measured> {
  const before = await cpuMicros();
  const result = await autocannon({ url, method: "POST", body, headers: { "content-type": "application/json", ...headers }, connections: CONNECTIONS, duration: seconds });
  const spent = (await cpuMicros()) - before;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, cpuMicrosPerRequest: Math.round(spent / Math.max(1, result.requests.total)) };
}

async function main() {
  await bundleServers();
  const upstream = child(["scripts/run-ts.mjs", "bench/gateway-upstream.ts"]);
  const { port: upstreamPort } = await upstream.first;
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers in this very setup.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const servers = child([...SERVER_NODE_FLAGS, ...nodeArgs, SERVERS_BUNDLE, String(upstreamPort)]);
  const { gatewayPort, proxyPort, endpointId, secret, budgetedSecret, cpuPort: port } = await servers.first;
  cpuPort = port;
  const pathOf = `/inference/${endpointId}/v1/chat/completions`;
  const auth = { authorization: `Bearer ${secret}` };
  const messages = [{ role: "user", content: "日本の首都はどこですか？短く答えてください。" }];
  const cases = [
    { name: "non-streaming", body: JSON.stringify({ model: "sarashina2.2-3b-instruct", messages }), auth },
    { name: "streaming", body: JSON.stringify({ model: "sarashina2.2-3b-instruct", messages, stream: true }), auth },
    // The same with a key that has a monthly token budget (checked on every request).
    // A LoRA adapter of the endpoint (`<base>:<adapter>`), resolved from the gateway's cached endpoint.
    { name: "stream+adapter", body: JSON.stringify({ model: "sarashina2.2-3b-instruct:bench-lora", messages, stream: true }), auth },
    { name: "stream+budget", body: JSON.stringify({ model: "sarashina2.2-3b-instruct", messages, stream: true }), auth: { authorization: `Bearer ${budgetedSecret}` } },
  ];

  // Sanity: both answer 200 with the same text before we count anything.
  for (const port of [gatewayPort, proxyPort]) {
    const r = await fetch(`http://127.0.0.1:${port}${pathOf}`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: cases[1].body });
    const text = await r.text();
    if (r.status !== 200 || !text.endsWith("data: [DONE]\n\n")) throw new Error(`port ${port} answered ${r.status}: ${text.slice(0, 200)}`);
  }

  const rows: Array<{ name: string; gateway: Measured; proxy: Measured }> = [];
  for (const c of cases) {
    await measure(`http://127.0.0.1:${proxyPort}${pathOf}`, c.body, c.auth, 2); // warm-up
    await measure(`http://127.0.0.1:${gatewayPort}${pathOf}`, c.body, c.auth, 2);
    const proxy = await measure(`http://127.0.0.1:${proxyPort}${pathOf}`, c.body, c.auth);
    const gateway = await measure(`http://127.0.0.1:${gatewayPort}${pathOf}`, c.body, c.auth);
    rows.push({ name: c.name, gateway, proxy });
  }

  servers.proc.kill("SIGTERM");
  upstream.proc.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));

  console.log(`\nInference gateway overhead — ${CONNECTIONS} connections, ${SECONDS} s per measurement, loopback, ${(await import("node:os")).cpus().length} cores`);
  // The budget is the throughput ratio. The CPU ratio (proxy's CPU per request ÷ the gateway's) is
  // what that ratio tends to when the servers' process is the bottleneck, and stays put when other
  // work shares the machine: read it beside the first on a busy machine.
  console.log("case           | path        | req/s   | p50 ms | p99 ms | non-2xx | CPU µs/req | ratio gw/proxy (target ≥ 0.5) | CPU ratio proxy/gw");
  console.log("---------------|-------------|---------|--------|--------|---------|------------|-------------------------------|-------------------");
  let ok = true;
  for (const r of rows) {
    const ratio = r.gateway.rps / r.proxy.rps;
    const cpuRatio = r.proxy.cpuMicrosPerRequest / r.gateway.cpuMicrosPerRequest;
    ok &&= ratio >= TARGET && r.gateway.non2xx === 0 && r.gateway.errors === 0;
    for (const [label, m] of [["bare proxy", r.proxy], ["gateway", r.gateway]] as const) {
      const ratios = label === "gateway" ? `${`${ratio.toFixed(2)} ${ratio >= TARGET ? "✓" : "✗"}`.padEnd(29)} | ${cpuRatio.toFixed(2)}` : "".padEnd(29) + " |";
      console.log(`${r.name.padEnd(14)} | ${label.padEnd(11)} | ${m.rps.toFixed(0).padStart(7)} | ${String(m.p50).padStart(6)} | ${String(m.p99).padStart(6)} | ${String(m.non2xx + m.errors).padStart(7)} | ${String(m.cpuMicrosPerRequest).padStart(10)} | ${ratios}`);
    }
  }
  // A benchmark reports; it does not fail a run on a slow or busy machine.
  console.log(JSON.stringify({ bench: "gateway-overhead", connections: CONNECTIONS, seconds: SECONDS, rows, withinTarget: ok }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
