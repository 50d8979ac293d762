import { test as base, expect, type Page } from "@playwright/test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { serverLog, serverLogMark } from "./server-log";
import { startWorkerServers, workerServers, type WorkerServers } from "./worker-servers";

// Shared journeys' helpers. Every test also proves the console is sovereign: any request the
// page makes to a host other than the console (or the local test identity provider) fails it,
// and so does a message the page could not find (its key shown instead of words: the browser is
// sent only the namespaces its layouts name, components/i18n/client-messages.tsx).

export const DEMO_PASSWORD = "hinoki-demo-2026";
export const USERS = {
  owner: "owner@hinoki-motor.example",
  developer: "dev@hinoki-motor.example",
  billing: "billing@hinoki-motor.example",
  viewer: "viewer@hinoki-motor.example",
  otherOwner: "owner@minato-seimitsu.example",
  accountManager: "am@hinoki.example",
  platformAdmin: "admin@hinoki.example",
} as const;
export const ORG = "hinoki-motor";
export const OTHER_ORG = "minato-seimitsu";

/** Resources a journey creates in the shared demo org, removed after it whether it passed or not. */
export interface Leftovers {
  cluster(id: string): void;
  endpoint(id: string): void;
  /** A LoRA adapter: deleted after the endpoints tracked before it (an attached adapter cannot be deleted). */
  adapter(id: string): void;
}

export const test = base.extend<{ foreignRequests: string[]; missingMessages: string[]; leftovers: Leftovers }, { servers: WorkerServers }>({
  // This worker's own console and IdPs (e2e/worker-servers.ts), started before its first journey
  // and stopped after its last; every page and request context of its journeys goes there.
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use, workerInfo) => {
      const servers = workerServers(workerInfo.parallelIndex);
      const stop = await startWorkerServers(servers);
      try {
        await use(servers);
      } finally {
        await stop();
      }
    },
    // A console boots in seconds; on a loaded machine the first build of its pages takes longer.
    { scope: "worker", auto: true, timeout: 240_000 },
  ],
  baseURL: async ({ servers }, use) => use(servers.baseURL),
  // Journeys share one server and the demo org; a journey that fails half-way must not leave a
  // cluster or endpoint behind for the next one to count (the overview counts every running
  // resource). Teardown deletes what the journey registered and waits until it is really gone.
  leftovers: async ({ browser }, use) => {
    const tracked: { kind: "clusters" | "endpoints" | "adapters"; id: string }[] = [];
    await use({ cluster: (id) => tracked.push({ kind: "clusters", id }), endpoint: (id) => tracked.push({ kind: "endpoints", id }), adapter: (id) => tracked.push({ kind: "adapters", id }) });
    if (tracked.length === 0) return;
    const page = await browser.newPage();
    try {
      await signIn(page, USERS.owner);
      for (const { kind, id } of tracked) await deleteAndWait(page, `/api/v1/orgs/${ORG}/${kind}/${id}`);
    } finally {
      await page.close();
    }
  },
  foreignRequests: [
    async ({ page, servers }, use) => {
      const allowed = new Set([new URL(servers.baseURL).host, `127.0.0.1:${servers.oidcPort}`, `127.0.0.1:${servers.orgOidcPort}`]);
      const foreign: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.protocol === "data:" || url.protocol === "blob:") return;
        if (!allowed.has(url.host)) foreign.push(request.url());
      });
      await use(foreign);
      expect(foreign, "requests to hosts other than the console").toEqual([]);
    },
    { auto: true },
  ],
  // next-intl reports a key it cannot resolve as a MISSING_MESSAGE error: in the browser's
  // console after hydration, in the server's log when the server drew the page.
  missingMessages: [
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- started after this worker's servers, whose log it reads.
    async ({ page, servers }, use) => {
      const mark = serverLogMark();
      const missing: string[] = [];
      page.on("console", (message) => {
        if (message.text().includes("MISSING_MESSAGE")) missing.push(`browser: ${message.text().slice(0, 300)}`);
      });
      await use(missing);
      for (const line of serverLog(mark).split("\n")) if (line.includes("MISSING_MESSAGE")) missing.push(`server: ${line.slice(0, 300)}`);
      expect([...new Set(missing)], "messages the page could not find").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * For waits on simulated or background work (provisioning, metering, statement renewal): retry
 * until the real state arrives, with no budget of its own — only the test's timeout, a guard
 * against hangs, bounds it. A slower machine takes longer; it does not fail.
 */
export const UNTIL_DONE = { timeout: 0 } as const;

// Two-step verification, done honestly: the fixture keeps the TOTP secrets it saw on the page
// (when it set up an authenticator for an account) on this worker's console, in a file under
// test-results/ named by its port (emptied whenever that console starts from a fresh database,
// e2e/worker-servers.ts), and computes codes with the same library an authenticator app uses. The
// server refuses a code of a time step already used, so the fixture tracks the last step per
// account and uses the next one (the server accepts one step of clock drift), waiting if needed.
type KnownTotp = { secret: string; lastStep: number };
const STAFF = new Set<string>([USERS.accountManager, USERS.platformAdmin]);

function knownTotps(): Record<string, KnownTotp> {
  const file = workerServers().totpFile;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

function saveTotps(all: Record<string, KnownTotp>): void {
  const file = workerServers().totpFile;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(all, null, 2));
}

export function rememberTotp(email: string, secret: string, lastStep: number): void {
  saveTotps({ ...knownTotps(), [email]: { secret, lastStep } });
}

export function forgetTotp(email: string): void {
  const all = knownTotps();
  delete all[email];
  saveTotps(all);
}

const step = (ms: number) => Math.floor(ms / 30_000);

/** The next unused code of this account, as its authenticator app would show it (waits for a fresh step if needed). */
export async function nextTotpCode(email: string): Promise<string> {
  const known = knownTotps()[email];
  if (!known) throw new Error(`the e2e fixture does not know the TOTP secret of ${email}`);
  const target = Math.max(step(Date.now()), known.lastStep + 1);
  // A code one step ahead is accepted (clock drift); further ahead, wait for time to catch up
  // (and give the test that time on top of its budget: the wait is the fixture's, not the journey's).
  if (step(Date.now()) < target - 1) base.info().setTimeout(base.info().timeout + 30_000);
  while (step(Date.now()) < target - 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  rememberTotp(email, known.secret, target);
  return TOTP.generate({ secret: Secret.fromBase32(known.secret), timestamp: target * 30_000, algorithm: "SHA1", digits: 6, period: 30 });
}

/**
 * On /account/security: sets up an authenticator from the secret shown on the page, confirms it
 * with a computed code, and returns the recovery codes shown once.
 */
export async function setUpTotp(page: Page, email: string): Promise<string[]> {
  await page.getByRole("button", { name: "認証アプリを設定" }).click();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  rememberTotp(email, secret, 0);
  await page.getByLabel("確認コード").fill(await nextTotpCode(email));
  await page.getByRole("button", { name: "有効にする" }).click();
  const codes = page.getByTestId("recovery-codes").getByTestId("secret-value");
  await expect(codes).toBeVisible();
  return ((await codes.textContent()) ?? "").split("\n").filter(Boolean);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  // E-mail first: the page then shows the password field (or sends the person to their org's IdP).
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  // Either signed in, or the second step asks for the code of an account with MFA.
  const codeField = page.getByLabel("確認コード");
  await expect(async () => {
    if (!(await codeField.isVisible()) && /\/sign-in/.test(new URL(page.url()).pathname)) throw new Error("still signing in");
  }).toPass();
  if (await codeField.isVisible()) {
    await codeField.fill(await nextTotpCode(email));
    await page.getByRole("button", { name: "確認してサインイン" }).click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
  // Provider staff must use MFA: the first time in a run, the console sends them to set it up,
  // then they sign in again with a code.
  if (STAFF.has(email) && !knownTotps()[email]) {
    // The one-time enrollment is the fixture's work, not the journey's: it gets its own time.
    base.info().setTimeout(base.info().timeout + 60_000);
    await expect(page.getByTestId("staff-mfa-required")).toBeVisible();
    await setUpTotp(page, email);
    await page.getByRole("button", { name: "コードでサインインし直す" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, email, password);
  }
}

/** Calls the API from inside the signed-in page, like the console's own code does. */
export async function apiFromPage(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init.method ?? "GET",
        headers: init.body === undefined ? {} : { "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { path, init },
  );
}

/** Deletes a cluster or endpoint through the API and follows it until it is gone (bounded by the test's timeout). */
async function deleteAndWait(page: Page, path: string): Promise<void> {
  for (;;) {
    const current = await apiFromPage(page, path);
    if (current.status === 404 || current.body?.status === "deleted") return;
    // An operation still running refuses the delete (409); the next round tries again.
    if (current.body?.status !== "deleting") await apiFromPage(page, path, { method: "DELETE" });
    await page.waitForTimeout(500);
  }
}
