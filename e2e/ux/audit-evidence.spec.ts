import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// Issue 23 §5, as an auditor uses the log: a staff member's views say what was opened and under
// which role, repeated views are one row, and the export is the server's file of every entry the
// filters match, with a SHA-256 the filed copy can be checked against (repeated views collapse in
// the service's own test, where the sequence of views is known).

test("staff views read as what was opened and why; the export is every matching entry with its hash", async ({ page, browser }) => {
  // The account manager looks at the org's billing twice: two views of the same thing.
  const staffContext = await browser.newContext();
  const am = await staffContext.newPage();
  await signIn(am, USERS.accountManager);
  for (let i = 0; i < 2; i++) {
    await am.goto(`/${ORG}/billing/invoices`);
    await expect(am.locator("main h1").first()).toBeVisible();
  }
  await staffContext.close();

  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/audit?action=staff.view`);
  // The log answers slowly on a loaded machine: wait for its rows, not a fixed time.
  await expect(page.getByTestId("audit-row").first()).toBeVisible(UNTIL_DONE);
  const billingView = page.getByTestId("audit-row").filter({ hasText: "閲覧内容: 請求・コスト" }).first();
  await expect(billingView).toContainText("閲覧権限: アカウントマネージャー");
  // A raw permission code is not what the reader sees as the thing viewed.
  await expect(page.getByTestId("audit-viewed").filter({ hasText: "billing.read" })).toHaveCount(0);

  // CSV: the link carries the filters on screen; the file holds only matching entries, in Japanese.
  const csvLink = page.getByTestId("audit-export-csv");
  await expect(csvLink).toHaveAttribute("href", new RegExp(`/api/v1/orgs/${ORG}/audit-events/export\\?.*action=staff.view`));
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${ORG}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = (await readFile((await download.path())!)).toString("utf8");
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(header.startsWith("日時（UTC）,日時（日本時間）,実行者の種類,実行者,操作コード,操作")).toBe(true);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain(",staff.view,担当者による閲覧,");

  // The same file by the API carries its SHA-256, which matches the bytes.
  const href = (await page.getByTestId("audit-export-json").getAttribute("href"))!;
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  const body = await response.body();
  expect(response.headers()["x-content-sha256"]).toBe(createHash("sha256").update(body).digest("hex"));
  const doc = JSON.parse(body.toString("utf8"));
  expect(doc.filter).toEqual({ action: "staff.view" });
  expect(doc.events.every((e: { action: string }) => e.action === "staff.view")).toBe(true);
  // Collapsing repeated views is the service's (export-audit-events.test.ts): each row says how many it stands for.
  expect(doc.events.every((e: { repeated: number }) => e.repeated >= 1)).toBe(true);
});
