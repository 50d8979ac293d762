import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";

// Runs the built console (dist/server.mjs, `npm run build`) as a child process, as `npm start`
// does in production, for tests that need several real instances. Output is kept so a failing
// test can show what the instance said.

export interface ConsoleProcess {
  url: string;
  pid: number;
  output(): string;
  exited(): boolean;
  /** SIGTERM: a clean shutdown (loops finish, leases are given up). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

const root = process.cwd();
export const SERVER_BUNDLE = path.join(root, process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs");

export function assertBuilt(): void {
  if (!existsSync(SERVER_BUNDLE) || !existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    throw new Error(`no built console at ${SERVER_BUNDLE}: run \`npm run build\` first`);
  }
}

export function spawnConsole(port: number, env: Record<string, string>): ConsoleProcess {
  const nodeFlags = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8")) as string[];
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, "--enable-source-maps", SERVER_BUNDLE], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exit;
    clearTimeout(timer);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}

/** Waits until /api/health answers 200, or fails with what the instance printed. */
export async function waitHealthy(instance: ConsoleProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (instance.exited()) throw new Error(`console ${instance.url} exited during start:\n${instance.output().slice(-4_000)}`);
    try {
      const response = await fetch(`${instance.url}/api/health`);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`console ${instance.url} not healthy within ${timeoutMs} ms (${last}):\n${instance.output().slice(-4_000)}`);
}

/**
 * Signs in with a password (and the second step's code, for an account with MFA) the way the
 * browser does (Auth.js credentials flow); returns the session cookie.
 */
export async function signIn(url: string, email: string, password: string, totp?: string): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${url}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: url, ...(totp ? { totp } : {}) }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return session.split(";")[0];
}

/**
 * Provider staff must sign in with a second factor: sets up an authenticator for the account
 * through the API as a person would (the secret shown once, confirmed with a code computed by the
 * same library an authenticator app uses), then signs in again with a fresh code.
 */
export async function signInAsStaff(url: string, email: string, password: string): Promise<string> {
  const first = await signIn(url, email, password);
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie: first, origin: url }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const { secret } = (await call("/api/v1/me/mfa/totp")) as { secret: string };
  const codeAtStep = (step: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: step * 30_000, algorithm: "SHA1", digits: 6, period: 30 });
  const now = Math.floor(Date.now() / 30_000);
  await call("/api/v1/me/mfa/totp/confirm", { code: codeAtStep(now) });
  // The code of the step just used is refused as a replay; the next step is accepted (clock drift).
  return signIn(url, email, password, codeAtStep(now + 1));
}
