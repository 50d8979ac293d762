import { test as base, expect, type Page } from "@playwright/test";

// Shared journeys' helpers. Every test also proves the console is sovereign: any request the
// page makes to a host other than the console (or the local test identity provider) fails it.

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
}

export const test = base.extend<{ foreignRequests: string[]; leftovers: Leftovers }>({
  // Journeys share one server and the demo org; a journey that fails half-way must not leave a
  // cluster or endpoint behind for the next one to count (the overview counts every running
  // resource). Teardown deletes what the journey registered and waits until it is really gone.
  leftovers: async ({ browser }, use) => {
    const tracked: { kind: "clusters" | "endpoints"; id: string }[] = [];
    await use({ cluster: (id) => tracked.push({ kind: "clusters", id }), endpoint: (id) => tracked.push({ kind: "endpoints", id }) });
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
    async ({ page, baseURL }, use) => {
      const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3299);
      const allowed = new Set([new URL(baseURL!).host, `127.0.0.1:${oidcPort}`, `127.0.0.1:${process.env.E2E_ORG_OIDC_PORT ?? oidcPort + 1}`]);
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
});

export { expect };

/**
 * For waits on simulated or background work (provisioning, metering, statement renewal): retry
 * until the real state arrives, with no budget of its own — only the test's timeout, a guard
 * against hangs, bounds it. A slower machine takes longer; it does not fail.
 */
export const UNTIL_DONE = { timeout: 0 } as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  // E-mail first: the page then shows the password field (or sends the person to their org's IdP).
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
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
