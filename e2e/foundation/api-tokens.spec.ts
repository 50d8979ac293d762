import { expect, ORG, signIn, test, USERS } from "../fixtures";

test("an API token works for automation and stops working when revoked", async ({ page, request }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/settings/api-tokens`);
  await page.getByRole("button", { name: "トークンを作成" }).first().click();
  await page.getByLabel("トークン名").fill("ci-pipeline");
  await page.getByRole("dialog").getByLabel("ロール").selectOption("viewer");
  await page.getByRole("button", { name: "トークンを作成" }).last().click();
  await expect(page.getByText("APIトークンを作成しました")).toBeVisible();
  const secret = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(secret).toMatch(/^hk_/);
  await page.getByRole("button", { name: "閉じる" }).first().click();

  // Like curl: no cookie, only the bearer token.
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.via).toBe("api_token");
  expect(body.memberships).toEqual([expect.objectContaining({ orgSlug: ORG, role: "viewer" })]);
  const members = await request.get(`/api/v1/orgs/${ORG}/members`, { headers: { Authorization: `Bearer ${secret}` } });
  expect(members.status()).toBe(200);
  const write = await request.post(`/api/v1/orgs/${ORG}/api-tokens`, { headers: { Authorization: `Bearer ${secret}` }, data: { name: "x", role: "viewer" } });
  expect(write.status()).toBe(403);

  // The list shows the prefix only, never the secret.
  const row = page.getByTestId("token-row").filter({ hasText: "ci-pipeline" });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(page.getByText(secret)).toHaveCount(0);

  await row.getByRole("button", { name: "無効化", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "無効化", exact: true }).click();
  await expect(row).toContainText("無効化済み");
  const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");
});

test("API errors are JSON with a request id, in the caller's language", async ({ request }) => {
  const anonymous = await request.get(`/api/v1/orgs/${ORG}`, { headers: { "Accept-Language": "en" } });
  expect(anonymous.status()).toBe(401);
  const body = await anonymous.json();
  expect(body.error).toMatchObject({ code: "unauthenticated", message: "You are not signed in, or your session has expired. Sign in and try again." });
  expect(body.error.requestId).toBe(anonymous.headers()["x-request-id"]);
  const headers = anonymous.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
