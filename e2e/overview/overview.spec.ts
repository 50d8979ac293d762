import { expect, ORG, signIn, test, USERS } from "../fixtures";

// The first screen after sign-in: the demo org's running cluster, its spend and its residency
// status at a glance, each tile linking to where the detail lives. (The budget alert lighting
// the bell is covered by e2e/billing.)

test("after sign-in the overview shows running resources, spend and residency status", async ({ page }) => {
  await signIn(page, USERS.owner);
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(page.getByRole("heading", { name: "概要", exact: true })).toBeVisible();

  const resources = page.getByTestId("overview-resources");
  await expect(resources.getByRole("listitem").filter({ hasText: "prod-training" })).toContainText("稼働中", { timeout: 60_000 });
  await expect(page.getByTestId("overview-mtd")).toHaveText(/^¥[\d,]+$/);
  await expect(page.getByText("コントロールプレーン正常")).toBeVisible();

  // Residency: the renewal loop issues a statement for the running cluster; the tile follows.
  await expect(page.getByTestId("overview-residency")).toContainText("検証済み", { timeout: 60_000 });

  await resources.getByRole("link", { name: "prod-training" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
});

test("a developer's overview shows workloads but no money", async ({ page }) => {
  await signIn(page, USERS.developer);
  await expect(page.getByTestId("overview-resources")).toBeVisible();
  await expect(page.getByTestId("overview-mtd")).toHaveCount(0);
  await expect(page.getByText("今月の利用額（税抜）")).toHaveCount(0);
});
