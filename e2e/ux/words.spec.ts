import { expect, OTHER_ORG, signIn, test, USERS } from "../fixtures";

// Issue 23 §8: words addressed to the person reading them. Provider staff opening an
// account without contract terms is told how to set them, not to "talk to your account manager".

test("the staff contract view tells provider staff how to set terms, not to ask their account manager", async ({ page }) => {
  // The platform admin sees every account; the other org has no contract terms.
  await signIn(page, USERS.platformAdmin);
  await page.goto(`/staff/accounts/${OTHER_ORG}`);
  await expect(page.getByText("契約条件は設定されていません")).toBeVisible();
  await expect(page.getByText("割引率や月額コミットは「契約条件を変更」から設定できます。")).toBeVisible();
  await expect(page.getByText("担当者にご相談ください")).toHaveCount(0);
});
