import { readFileSync } from "node:fs";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// A customer opens the signed statement of the demo's running training cluster, sees it
// verified by their own browser with the facility and the GPUs, and downloads the evidence.
// The cluster "prod-training" comes from the clusters demo seeder; its first statement is
// issued by the renewal loop within seconds of it running.

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/;

async function openClusterAttestation(page: import("@playwright/test").Page) {
  await page.goto(`/${ORG}/attestations`);
  await expect(page.getByRole("heading", { name: "データ所在証明", exact: true })).toBeVisible();
  const row = page.getByTestId("attestation-row").filter({ hasText: "prod-training" }).first();
  // Provisioning plus one round of the renewal loop: reload until the statement is there.
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ ...UNTIL_DONE, intervals: [2_000] });
  await expect(row).toContainText("東京Aデータセンター（江東区）");
  await expect(row).toContainText("適合");
  await row.getByRole("link", { name: "prod-training" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/attestations/at_`));
}

test("a running cluster's attestation verifies in the browser and downloads as JWS and PDF", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await openClusterAttestation(page);

  await expect(page.getByRole("heading", { name: "prod-training のデータ所在証明" })).toBeVisible();
  const verification = page.getByTestId("verification");
  await expect(verification).toHaveAttribute("data-state", "verified");
  await expect(verification).toContainText("署名: 有効");
  await expect(verification).toContainText("ブラウザ内で計算");

  await expect(page.getByTestId("fact-facility")).toContainText("東京Aデータセンター（江東区）");
  await expect(page.getByText("JP-13", { exact: true })).toBeVisible();
  await expect(page.getByText("Hinoki Cloud株式会社", { exact: true })).toBeVisible();
  await expect(page.getByText("9010401123456", { exact: true })).toBeVisible();
  await expect(page.getByText("T9010401123456", { exact: true })).toBeVisible();
  const gpus = page.getByTestId("gpu-table").locator("tbody tr");
  await expect(gpus).toHaveCount(16); // 2 × h100-8x
  await expect(gpus.first()).toContainText("H100");
  await expect(gpus.first()).toContainText("合格");
  // A viewer reads but cannot ask for a fresh statement.
  await expect(page.getByRole("button", { name: "監査用に証明書を発行" })).toHaveCount(0);

  // The JWS: a file of exactly the statement, served as application/jwt.
  const [jwsDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JWSをダウンロード" }).click()]);
  expect(jwsDownload.suggestedFilename()).toMatch(/^attestation-at_\w+\.jws$/);
  const jws = readFileSync((await jwsDownload.path())!, "utf8");
  expect(jws).toMatch(JWS);
  const jwsHref = (await page.getByRole("link", { name: "JWSをダウンロード" }).getAttribute("href"))!;
  const jwsResponse = await page.request.get(jwsHref);
  expect(jwsResponse.headers()["content-type"]).toBe("application/jwt");
  expect(await jwsResponse.text()).toBe(jws);
  // What the page verified is that same text.
  await expect(page.locator("pre").filter({ hasText: jws.slice(0, 40) })).toHaveText(jws);

  // The certificate PDF.
  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "証明書PDFをダウンロード" }).click()]);
  expect(pdfDownload.suggestedFilename()).toMatch(/^attestation-at_\w+\.pdf$/);
  const pdf = readFileSync((await pdfDownload.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
  const pdfResponse = await page.request.get((await page.getByRole("link", { name: "証明書PDFをダウンロード" }).getAttribute("href"))!);
  expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");

  // The check really happens here: served a key set without the signing key, the page fails visibly.
  await page.route("**/.well-known/jwks.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ keys: [] }) }));
  await page.getByRole("button", { name: "もう一度検証" }).click();
  await expect(verification).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("verification-reason")).toHaveText("署名鍵が公開鍵セットにありません。");
  await page.unroute("**/.well-known/jwks.json");
  await page.getByRole("button", { name: "もう一度検証" }).click();
  await expect(verification).toHaveAttribute("data-state", "verified");

  // The published keys are public and cacheable.
  const jwks = await page.request.get("/.well-known/jwks.json");
  expect(jwks.headers()["cache-control"]).toContain("public");
  expect((await jwks.json()).keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
});

test("a developer requests a statement with their own nonce; it carries and verifies the nonce", async ({ page }) => {
  await signIn(page, USERS.developer);
  await openClusterAttestation(page);
  await page.getByRole("button", { name: "監査用に証明書を発行" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("ノンス").fill("bad nonce");
  await dialog.getByRole("button", { name: "発行", exact: true }).click();
  await expect(dialog.getByText("8〜88文字の英数字と _ . ~ - で入力してください。")).toBeVisible();
  const nonce = `audit-${Date.now()}-e2e`;
  await dialog.getByLabel("ノンス").fill(nonce);
  await dialog.getByRole("button", { name: "発行", exact: true }).click();
  await expect(page.getByText("ノンス付きの証明を発行しました")).toBeVisible();
  await expect(page.getByTestId("nonce")).toHaveText(nonce);
  await expect(page.getByTestId("verification")).toHaveAttribute("data-state", "verified");

  const id = page.url().split("/").pop()!;
  const api = await apiFromPage(page, `/api/v1/orgs/${ORG}/attestations/${id}`);
  expect(api.body.claims.eat_nonce).toBe(nonce);
  const audit = await apiFromPage(page, `/api/v1/orgs/${ORG}/audit-events?action=attestation.request`);
  expect(audit.body.items[0]).toMatchObject({ action: "attestation.request", target: { type: "attestation", id } });
});

test("the verify page explains offline verification with openssl and a JOSE library", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/attestations`);
  await page.getByRole("link", { name: "オフラインで検証する方法" }).click();
  await expect(page.getByRole("heading", { name: "オフラインでの検証方法" })).toBeVisible();
  // Each step on its own, and the whole script (collapsed) beneath them.
  await expect(page.getByRole("heading", { name: /opensslで署名を検証する/ })).toBeVisible();
  await expect(page.getByRole("code").filter({ hasText: "openssl dgst -sha256 -verify key.pem -signature sig.der signing-input.txt" }).first()).toBeVisible();
  await expect(page.getByRole("code").filter({ hasText: "openssl asn1parse -genconf sig.cnf" }).first()).toBeVisible();
  await expect(page.getByRole("code").filter({ hasText: 'compactVerify(jws, jwks, { algorithms: ["ES256"] })' })).toBeVisible();
});

test("an owner narrows the residency policy; a change that would strand the running cluster is refused with its name", async ({ page }) => {
  await signIn(page, USERS.owner);
  // The training cluster must be running for the refusal to name it.
  await openClusterAttestation(page);
  await page.goto(`/${ORG}/settings`);
  await page.getByRole("link", { name: "データ所在ポリシー" }).click();
  await expect(page.getByRole("heading", { name: "データ所在ポリシー" })).toBeVisible();
  await expect(page.getByText("まだ設定されていないため、日本国内のすべてのリージョンが許可されています。")).toBeVisible();

  await page.getByRole("checkbox", { name: /東京第1リージョン/ }).uncheck();
  await page.getByRole("button", { name: "ポリシーを保存" }).click();
  const refused = page.getByTestId("residency-refused");
  await expect(refused).toContainText("変更できません");
  await expect(refused).toContainText("prod-training");
  await expect(refused).toContainText("jp-tokyo-1");

  await page.getByRole("checkbox", { name: /東京第1リージョン/ }).check();
  await page.getByRole("checkbox", { name: /北海道第1リージョン/ }).uncheck();
  await page.getByRole("button", { name: "ポリシーを保存" }).click();
  await expect(page.getByText("データ所在ポリシーを保存しました")).toBeVisible();
  const policy = await apiFromPage(page, `/api/v1/orgs/${ORG}/residency-policy`);
  expect(policy.body).toMatchObject({ allowedRegions: ["jp-tokyo-1", "jp-osaka-1"], isDefault: false });
  const audit = await apiFromPage(page, `/api/v1/orgs/${ORG}/audit-events?action=residency_policy`);
  expect(audit.body.items[0]).toMatchObject({ action: "residency_policy.update" });
});
