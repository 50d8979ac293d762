import { expect, ORG, signIn, test, USERS } from "../fixtures";

// What the billing member sees before any script runs: the server's HTML already holds this
// month's spend and forecast, so the first paint shows numbers, not placeholders.

test("the billing page's first HTML shows this month's spend and forecast", async ({ page, browser, baseURL }) => {
  await signIn(page, USERS.billing);
  const htmlOnly = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "ja-JP", storageState: await page.context().storageState() });
  try {
    const first = await htmlOnly.newPage();
    await first.goto(`/${ORG}/billing`);
    await expect(first.getByRole("heading", { name: "請求・コスト", level: 1 })).toBeVisible();
    await expect(first.getByTestId("month-to-date")).toHaveText(/^¥[\d,]+$/);
    await expect(first.getByTestId("forecast")).toHaveText(/^¥[\d,]+$/);
  } finally {
    await htmlOnly.close();
  }
});
