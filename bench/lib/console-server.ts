import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

// Starts the production console for a benchmark on its own build folder, port and data
// directory, and reports how long it took until /api/health answered.

export interface RunningConsole {
  url: string;
  pid: number;
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, "../..");
// The same Node flags as `npm start`: the benchmark measures what runs.
const SERVER_NODE_FLAGS = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8")) as string[];
export const BENCH_DIST = process.env.BENCH_NEXT_DIST_DIR ?? ".next-bench";
export const BENCH_BUNDLE = process.env.BENCH_SERVER_BUNDLE ?? "dist/server-bench.mjs";

export function buildConsole(): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  const result = spawnSync("npm", ["run", "build", "--silent"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST, HINOKI_SERVER_BUNDLE: BENCH_BUNDLE, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("build failed");
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`console exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("console did not become healthy");
}

export async function startConsole(options: { port: number; dataDir: string; env?: Record<string, string>; databaseUrl?: string; keepData?: boolean }): Promise<RunningConsole> {
  if (!options.keepData) rmSync(options.dataDir, { recursive: true, force: true });
  const url = `http://localhost:${options.port}`;
  const started = performance.now();
  // BENCH_NODE_ARGS passes flags to the server's Node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof",
  // which NODE_OPTIONS refuses) so a slow figure can be profiled in the same setup.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, BENCH_BUNDLE], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: BENCH_DIST,
      PORT: String(options.port),
      HINOKI_DATA_DIR: options.dataDir,
      AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnop",
      AUTH_TRUST_HOST: "true",
      HINOKI_API_RATE_BURST: "100000000",
      HINOKI_API_RATE_PER_SECOND: "100000000",
      // On PostgreSQL the console refuses to start without its own key-encryption key.
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, HINOKI_ATTESTATION_KEK: process.env.HINOKI_ATTESTATION_KEK ?? randomBytes(32).toString("base64") } : {}),
      ...options.env,
    },
  });
  // A shared machine under load can take minutes to start a console; one that never answers is
  // stopped rather than left running without its benchmark.
  await waitForHealth(url, child, 300_000).catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  const startupMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    startupMs,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
