import { spawn, type ChildProcess } from "node:child_process";

// Runs the real `npm run control-plane` entry (scripts/run-ts.mjs → server/main.ts) as a child
// process, on a loopback port, so tests exercise the HTTP path end to end.

export interface ServerProcess {
  url: string;
  port: number;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>, port = 0): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["scripts/run-ts.mjs", "lib/control-plane/server/main.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, CONTROL_PLANE_HOST: "127.0.0.1", CONTROL_PLANE_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    // A hang guard, not a budget: a fresh PGlite migrates at start, which takes most of a minute on a loaded machine.
    const timer = setTimeout(() => reject(new Error(`control plane did not start in time:\n${output}`)), 180_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`control plane exited with ${code}:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, port: Number(new URL(url).port), stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}
