import { expect, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";

// The gated sections (請求・コスト, キャパシティ予約) share one gate: a role without the section's
// permission reads why in place of the pages, another org's section is a 404, and a signed-out
// visitor is sent to sign in.

const SECTIONS = [
  { path: "billing", title: "請求・コスト", noAccess: "請求情報を表示する権限がありません", content: "請求書" },
  { path: "reservations", title: "キャパシティ予約", noAccess: "キャパシティ予約を表示する権限がありません", content: "予約を注文" },
];

for (const section of SECTIONS) {
  test(`/${section.path}: the viewer reads why not, the owner sees the pages, another org's is not found`, async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto(`/${ORG}/${section.path}`);
    await expect(page.getByRole("heading", { level: 1, name: section.title })).toBeVisible();
    await expect(page.getByRole("heading", { name: section.noAccess })).toBeVisible();

    const other = await page.goto(`/${OTHER_ORG}/${section.path}`);
    expect(other?.status()).toBe(404);

    await page.context().clearCookies();
    await page.goto(`/${ORG}/${section.path}`);
    // Signed out: to sign-in, and back into the org (the org's own layout answers first).
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    expect(decodeURIComponent(page.url())).toContain(`callbackUrl=/${ORG}`);

    await signIn(page, USERS.owner);
    await page.goto(`/${ORG}/${section.path}`);
    await expect(page.getByRole("heading", { level: 1, name: section.title })).toBeVisible();
    await expect(page.getByText(section.noAccess)).toHaveCount(0);
    await expect(page.getByRole("main").getByText(section.content).first()).toBeVisible();
  });
}
