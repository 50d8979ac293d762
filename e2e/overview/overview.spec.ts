import { expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// The first screen after sign-in: the demo org's running cluster, its spend and its residency
// status at a glance, each tile linking to where the detail lives. (The budget alert lighting
// the bell is covered by e2e/billing.)

test("after sign-in the overview shows running resources, spend and residency status", async ({ page }) => {
  await signIn(page, USERS.owner);
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(page.getByRole("heading", { name: "概要", exact: true })).toBeVisible();

  const resources = page.getByTestId("overview-resources");
  await expect(resources.getByRole("listitem").filter({ hasText: "prod-training" })).toContainText("稼働中", UNTIL_DONE);
  await expect(page.getByTestId("overview-mtd")).toHaveText(/^¥[\d,]+$/);
  await expect(page.getByText("コントロールプレーン正常")).toBeVisible();

  // Residency: the renewal loop issues a statement per running resource; the tile follows. The
  // training cluster's H100s run in confidential-computing mode (verified); the demo endpoint's
  // L40S cannot, which its statement says as a warning — so one of the two needs a look.
  const residency = page.getByTestId("overview-residency-list").getByRole("listitem");
  await expect(residency.filter({ hasText: "prod-training" })).toContainText("適合", UNTIL_DONE);
  await expect(residency.filter({ hasText: "ja-assistant" })).toContainText("要確認", UNTIL_DONE);
  await expect(page.getByTestId("overview-residency")).toHaveText("2 件中 1 件の確認が必要です");

  await resources.getByRole("link", { name: "prod-training" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
});

test("a developer's overview shows workloads but no money", async ({ page }) => {
  await signIn(page, USERS.developer);
  await expect(page.getByTestId("overview-resources")).toBeVisible();
  await expect(page.getByTestId("overview-mtd")).toHaveCount(0);
  await expect(page.getByText("今月の利用額（税抜）")).toHaveCount(0);
});
