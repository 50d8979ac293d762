import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

// A standalone control plane (`npm run control-plane`) for the benchmark's launch part: the
// console talks to it over HTTP as in production, and the benchmark can ask it directly when
// it changed a cluster's status, which the embedded simulator cannot be asked from outside.

const root = path.resolve(__dirname, "../..");

export interface RunningControlPlane {
  url: string;
  stop(): Promise<void>;
}

export async function startControlPlane(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<RunningControlPlane> {
  rmSync(options.dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ["scripts/run-ts.mjs", "lib/control-plane/server/main.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CONTROL_PLANE_PORT: String(options.port), CONTROL_PLANE_DATA_DIR: options.dataDir, ...options.env },
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`control plane exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("control plane did not become healthy");
    const healthy = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
