import { expect, ORG, signIn, test, USERS } from "../fixtures";

// Issue 21: a page's first paint is what its first HTML holds. The audit log read its entries only
// after the browser had run the page's scripts, so the first paint was grey placeholder bars and the
// entries (the largest thing on the page) came a round trip later. Reading the page with scripts
// off shows exactly what the first paint can show.

test("the audit log's entries, filtered as the address says, are in the page before any script runs", async ({ page, browser }) => {
  await signIn(page, USERS.owner);
  const noScripts = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  try {
    const firstPaint = await noScripts.newPage();
    await firstPaint.goto(`/${ORG}/audit`);
    const rows = firstPaint.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(1);

    // The filters in the address are the server's too: only the matching entries, and the export
    // link carries them.
    await firstPaint.goto(`/${ORG}/audit?action=cluster.`);
    await expect(rows.first()).toBeVisible();
    for (const code of await firstPaint.getByTestId("audit-action").locator("span.font-mono").allTextContents()) expect(code.startsWith("cluster.")).toBe(true);
    await expect(firstPaint.getByTestId("audit-export-csv")).toHaveAttribute("href", /action=cluster\./);
  } finally {
    await noScripts.close();
  }

  // With scripts, the same entries are there and the page still refilters in place.
  await page.goto(`/${ORG}/audit`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.getByLabel("操作", { exact: true }).fill("cluster.");
  await page.getByRole("button", { name: "絞り込み", exact: true }).click();
  await expect(page).toHaveURL(/action=cluster\./);
  await expect(page.getByTestId("audit-action").first()).toContainText("cluster.");
});

test("the members are in the page before any script runs", async ({ page, browser }) => {
  await signIn(page, USERS.owner);
  const noScripts = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  try {
    const firstPaint = await noScripts.newPage();
    await firstPaint.goto(`/${ORG}/settings/members`);
    await expect(firstPaint.getByTestId("member-row").filter({ hasText: USERS.owner })).toBeVisible();
  } finally {
    await noScripts.close();
  }
  // With scripts, the same list, and the owner may still change a role in place.
  await page.goto(`/${ORG}/settings/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: USERS.developer })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: USERS.developer }).getByRole("combobox")).toBeEnabled();
});
