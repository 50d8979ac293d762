import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

// Each Playwright worker runs its journeys against its OWN console, staff IdP and customers'
// IdP, on its own ports and data directory (a fresh database per worker). Why not one server
// shared by the workers: the journeys were written for a console they have to themselves — the
// overview counts every running resource of the demo org, the staff pages list every org's
// requests, the server log is the invitees' mailbox, staff enrol their authenticator the first
// time in a run — and a journey that reads a count while another creates a cluster would fail
// one run in fifty. One console per worker keeps every journey exactly as honest as it was on one
// worker, and the files are shared out dynamically, so a long file does not hold up the rest.
//
// Ports: worker N (Playwright's parallel index, 0…workers-1) uses each base port plus
// N × E2E_PORT_STRIDE (default 3): with the defaults 3210/3299/3300, worker 0 has
// 3210/3299/3300 and worker 1 3213/3302/3303. A helper given the block 3730–3739 sets
// E2E_PORT=3730 E2E_OIDC_PORT=3731 E2E_ORG_OIDC_PORT=3732 and its workers get 3730–3732, 3733–3735.

const root = path.resolve(__dirname, "..");

export interface WorkerServers {
  /** The console, as the browser reaches it ("localhost": Next names loopback so in Auth.js's callback URLs). */
  baseURL: string;
  port: number;
  /** The platform's staff IdP (HINOKI_OIDC_*). */
  oidcPort: number;
  /** The customers' own IdPs, one tenant per org under its path. */
  orgOidcPort: number;
  /** The console's log: without SMTP, mail to an address is printed there (e2e/mailbox.ts). */
  logPath: string;
  /** The TOTP secrets the fixture saw on this console's pages (e2e/fixtures.ts). */
  totpFile: string;
}

/** This worker's servers. Pure function of the worker's parallel index, so module-level code can call it too. */
export function workerServers(parallelIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0)): WorkerServers {
  const stride = Number(process.env.E2E_PORT_STRIDE ?? 3);
  const basePort = Number(process.env.E2E_PORT ?? 3210);
  const baseOidcPort = Number(process.env.E2E_OIDC_PORT ?? 3299);
  const baseOrgOidcPort = Number(process.env.E2E_ORG_OIDC_PORT ?? baseOidcPort + 1);
  const offset = parallelIndex * stride;
  const port = basePort + offset;
  return {
    baseURL: `http://localhost:${port}`,
    port,
    oidcPort: baseOidcPort + offset,
    orgOidcPort: baseOrgOidcPort + offset,
    // scripts/e2e-server.mjs writes its log to .test-data/e2e-<port>.log.
    logPath: path.join(root, ".test-data", `e2e-${port}.log`),
    totpFile: path.join(root, "test-results", `e2e-totp-secrets-${port}.json`),
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts a process and resolves once `url` answers; rejects if the process exits first. */
async function startAndWait(name: string, script: string, env: Record<string, string>, url: string, timeoutMs: number): Promise<ChildProcess> {
  // Another process on the port would answer for ours (and the journeys would run against it).
  if (await answers(url)) throw new Error(`${name}: ${url} already answers — another server is on this worker's port (set E2E_PORT / E2E_OIDC_PORT / E2E_ORG_OIDC_PORT)`);
  // Its own process group (as Playwright's webServer does), so stopping it also stops the
  // server scripts/e2e-server.mjs starts, even when that wrapper has to be killed.
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = `${name} exited (${signal ?? code}) before ${url} answered`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      signalGroup(child, "SIGKILL");
      throw new Error(exited);
    }
    if (await answers(url)) return child;
    if (Date.now() > deadline) {
      signalGroup(child, "SIGKILL");
      throw new Error(`${name}: ${url} did not answer within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, "SIGKILL"); // anything the exited wrapper left behind
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(killer);
      signalGroup(child, "SIGKILL");
      resolve();
    });
    signalGroup(child, "SIGTERM");
  });
}

/**
 * Starts this worker's two IdPs and its console (on a fresh data directory) and returns a
 * function that stops them. The same commands and settings the single server had.
 */
export async function startWorkerServers(servers: WorkerServers): Promise<() => Promise<void>> {
  const { baseURL, port, oidcPort, orgOidcPort, totpFile } = servers;
  // A fresh console knows no authenticator: forget the secrets of this port's last console (a
  // worker restarted after a failed journey starts a new console on the same port).
  rmSync(totpFile, { force: true });
  const callback = `${baseURL}/api/auth/callback/sso`;
  const children: ChildProcess[] = [];
  // If the worker dies without tearing down, its servers must not keep the ports.
  const killAll = () => children.forEach((child) => signalGroup(child, "SIGKILL"));
  process.once("exit", killAll);
  try {
    children.push(await startAndWait("staff IdP", "e2e/oidc/server.mjs", { OIDC_PORT: String(oidcPort), OIDC_REDIRECT_URIS: callback }, `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`, 30_000));
    children.push(
      await startAndWait(
        "customers' IdP",
        "e2e/oidc/server.mjs",
        { OIDC_PORT: String(orgOidcPort), OIDC_TENANTS: "acme,minato", OIDC_REDIRECT_URIS: callback, OIDC_REDIRECT_PREFIX: `${baseURL}/api/auth/callback/idp_` },
        `http://127.0.0.1:${orgOidcPort}/acme/.well-known/openid-configuration`,
        30_000,
      ),
    );
    children.push(await startAndWait("console", "scripts/e2e-server.mjs", { E2E_PORT: String(port), E2E_OIDC_PORT: String(oidcPort), E2E_DATA_DIR: `.test-data/e2e-${port}`, E2E_SERVER_LOG: servers.logPath }, `${baseURL}/api/health`, 180_000));
  } catch (error) {
    await Promise.all(children.map(stop));
    throw error;
  }
  return async () => {
    await Promise.all(children.reverse().map(stop));
    process.off("exit", killAll);
  };
}
