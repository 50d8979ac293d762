import { execFile } from "node:child_process";
import path from "node:path";

// Runs `hinoki` as a subprocess, as a person or a CI job would: its own HOME (so its profile
// file and ~/.kube/config are the test's), a chosen language, and nothing else of this process.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve(__dirname, "../../../bin/hinoki.mjs");

export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? "", LANG: "en_US.UTF-8", ...env } as unknown as NodeJS.ProcessEnv, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

export const cliBin = BIN;
