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

export const test = base.extend<{ foreignRequests: string[] }>({
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
