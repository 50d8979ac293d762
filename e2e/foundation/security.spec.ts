import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiFromPage, expect, ORG, signIn, test, USERS, DEMO_PASSWORD } from "../fixtures";
import { serverErrorsSince, serverLinesSince, serverLogMark } from "../server-log";

// Issue 14, "other findings", from the attacker's side: a crafted sign-in link, a forged client
// address, a token that mints tokens, anonymous health checks, a viewer looking for spend, and a
// deployment without its key-encryption key.

const SPOOF = { "X-Forwarded-For": "203.0.113.66", "X-Hinoki-Client-Ip": "198.51.100.66", "X-Real-IP": "192.0.2.66" };

test("a crafted callbackUrl never takes the browser off the console after sign-in", async ({ page, baseURL }) => {
  const consoleHost = new URL(baseURL!).host;
  for (const target of ["/%5Cevil.example/", "//evil.example/", "/%2F%2Fevil.example/", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${target}`);
    await page.getByLabel("メールアドレス").fill(USERS.viewer);
    await page.getByRole("button", { name: "次へ" }).click();
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "サインイン", exact: true }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    expect(new URL(page.url()).host, target).toBe(consoleHost);
  }
  // Already signed in: the sign-in page forwards at once, and still only within the console.
  await page.goto("/sign-in?callbackUrl=/%5Cevil.example/");
  expect(new URL(page.url()).host).toBe(consoleHost);
});

test("repeated wrong passwords slow that client down with a countdown, in Japanese and English", async ({ page, browser }) => {
  // Keeps guessing (whenever the form allows it) until the server asks for a wait of a few
  // seconds, then checks the page says so.
  const guessUntilWait = async (p: typeof page, email: string, label: { email: string; next: string; password: string; button: string }, wait: RegExp) => {
    const button = p.getByRole("button", { name: label.button, exact: true });
    // E-mail first; after a wrong password the form stays on the password step for that address.
    await p.getByLabel(label.email).fill(email);
    await p.getByRole("button", { name: label.next, exact: true }).click();
    for (let attempt = 1; attempt <= 15; attempt++) {
      await p.getByLabel(label.password).fill("wrong-password-e2e");
      await expect(button).toBeEnabled({ timeout: 20_000 });
      const [response] = await Promise.all([p.waitForResponse((r) => r.url().includes("/api/auth/callback/password")), button.click()]);
      const code = new URL((await response.json()).url).searchParams.get("code") ?? "";
      const seconds = Number(/^throttled_(\d+)$/.exec(code)?.[1] ?? 0);
      if (seconds >= 3) {
        await expect(p.locator("p[role=alert]")).toHaveText(wait);
        return attempt;
      }
    }
    throw new Error("never asked to wait");
  };
  const mark = serverLogMark();
  await page.goto("/sign-in");
  const attempts = await guessUntilWait(page, "throttle.ja@hinoki-motor.example", { email: "メールアドレス", next: "次へ", password: "パスワード", button: "サインイン" }, /次の試行まで少しお待ちください。あと (\d+) 秒/);
  expect(attempts).toBeGreaterThan(6); // the first failures are free, then 2 s, then 4 s
  await expect(page.getByRole("button", { name: "サインイン", exact: true })).toBeDisabled();
  // The countdown ends and the form can be used again.
  await expect(page.locator("p[role=alert]")).toHaveCount(0, { timeout: 20_000 });
  await page.getByLabel("パスワード").fill("another-try");
  await expect(page.getByRole("button", { name: "サインイン", exact: true })).toBeEnabled();

  const en = await browser.newContext({ locale: "en-US" });
  const enPage = await en.newPage();
  await enPage.goto("/sign-in");
  await guessUntilWait(enPage, "throttle.en@hinoki-motor.example", { email: "Email", next: "Next", password: "Password", button: "Sign in" }, /please wait a moment\. You can try again in (\d+) seconds?\./);
  await en.close();

  // The operator's log: each refusal is one line with its reason, and none is a server error.
  const refusals = serverLinesSince(mark).filter((line) => line.startsWith("[auth] sign-in refused: "));
  expect(refusals.some((line) => line.endsWith(": credentials"))).toBe(true);
  expect(refusals.some((line) => /: throttled_\d+$/.test(line))).toBe(true);
  expect(serverLinesSince(mark).join("\n")).not.toContain("wrong-password-e2e");
  expect(serverErrorsSince(mark)).toEqual([]);
});

test("the client address in audit entries is the socket's, whatever headers the client sends", async ({ page, request }) => {
  await signIn(page, USERS.owner);
  // Browser path (cookie session, through Next), with forged address headers.
  const made = await page.evaluate(
    async ({ org, headers }) => {
      const response = await fetch(`/api/v1/orgs/${org}/api-tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "spoof-check", role: "developer", expiresInDays: 1 }),
      });
      return { status: response.status, body: await response.json() };
    },
    { org: ORG, headers: SPOOF },
  );
  expect(made.status).toBe(201);
  // Automation path (bearer token, the API edge), forged headers again: a token made by a token.
  const child = await request.post(`/api/v1/orgs/${ORG}/api-tokens`, {
    headers: { Authorization: `Bearer ${made.body.secret}`, ...SPOOF },
    data: { name: "spoof-check-child", role: "viewer", expiresInDays: null },
  });
  expect(child.status()).toBe(201);
  const childToken = await child.json();
  expect(childToken).toMatchObject({ parentTokenId: made.body.id, expiresAt: made.body.expiresAt });

  const audit = await apiFromPage(page, `/api/v1/orgs/${ORG}/audit-events?action=api_token.create&limit=20`);
  const entryFor = (id: string) => audit.body.items.find((e: { target: { id: string } }) => e.target.id === id);
  for (const id of [made.body.id, childToken.id]) {
    expect(entryFor(id).ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  }

  // Revoking the parent revokes the child.
  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/api-tokens/${made.body.id}`, { method: "DELETE" })).status).toBe(204);
  const afterRevoke = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${childToken.secret}` } });
  expect(afterRevoke.status()).toBe(401);
});

test("anonymous /api/health says up or down, nothing about hosts or drivers", async ({ request }) => {
  const response = await request.get("/api/health", { headers: SPOOF });
  expect(Object.keys(await response.json())).toEqual(["status"]);
});

test("a viewer sees the clusters but not what they cost; billing sees the cost", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/clusters`);
  await expect(page.getByTestId("cluster-row").first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "今月の利用額" })).toHaveCount(0);
  const asViewer = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters`);
  expect(asViewer.body.items.length).toBeGreaterThan(0);
  expect(asViewer.body.items.every((c: { costThisMonth: unknown }) => c.costThisMonth === null)).toBe(true);

  await page.context().clearCookies();
  await signIn(page, USERS.billing);
  await page.goto(`/${ORG}/clusters`);
  await expect(page.getByRole("columnheader", { name: "今月の利用額" })).toBeVisible();
});

test("on PostgreSQL (DATABASE_URL) the server refuses to start without HINOKI_ATTESTATION_KEK", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hinoki-kek-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0", HINOKI_DATA_DIR: dataDir, DATABASE_URL: "postgres://hinoki@127.0.0.1:1/hinoki", AUTH_SECRET: "x".repeat(40) };
  delete env.HINOKI_ATTESTATION_KEK;
  const child = spawn(process.execPath, [process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), resolve(null)), 30_000);
    child.on("exit", (c) => (clearTimeout(timer), resolve(c)));
  });
  rmSync(dataDir, { recursive: true, force: true });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("DATABASE_URL is set but HINOKI_ATTESTATION_KEK is not");
});
