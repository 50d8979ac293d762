import { expect, ORG, signIn, test, USERS } from "../fixtures";

// Issue 23 §7: clusters and endpoints read as one product — the same column names in their
// lists, the create button as the last action of the page header, and the same wizard foot
// (キャンセル back to the list beside the one primary button).

test("clusters and endpoints share column names, the create button's place and the wizard foot with キャンセル", async ({ page }) => {
  await signIn(page, USERS.owner);
  for (const [list, wizard, create] of [
    ["clusters", "clusters/new", "クラスターを作成"],
    ["endpoints", "endpoints/new", "エンドポイントを作成"],
  ] as const) {
    await page.goto(`/${ORG}/${list}`);
    await expect(page.getByRole("main").getByTestId("page-actions").getByRole("link").last()).toHaveText(create);
    const headers = page.getByRole("main").getByRole("columnheader");
    await expect(headers.filter({ hasText: "料金（1時間あたり）" })).toHaveCount(1);
    await expect(headers.filter({ hasText: "作成日時" })).toHaveCount(1);

    await page.goto(`/${ORG}/${wizard}`);
    const foot = page.getByTestId("wizard-actions");
    await expect(foot.getByRole("button").last()).toHaveAttribute("type", "submit");
    await foot.getByRole("link", { name: "キャンセル" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/${list}$`));
  }
});
