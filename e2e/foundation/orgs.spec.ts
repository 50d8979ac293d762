import { apiFromPage, expect, signIn, test, USERS } from "../fixtures";

test("a person creates an organization with a validated 法人番号 and becomes its owner", async ({ page }) => {
  // Sorted after the demo org ("zz-"): a person's home is their first org by slug, and the other
  // journeys expect this member to land in hinoki-motor.
  const slug = `zz-acme-${Date.now().toString(36)}`;
  await signIn(page, USERS.billing);
  await page.goto("/orgs/new");
  await page.getByLabel("組織ID（URL）").fill(slug);
  await page.getByLabel("法人名（日本語）").fill("アクメ株式会社");
  await page.getByLabel("法人名（英語）").fill("Acme K.K.");
  await page.getByLabel("法人番号（13桁）").fill("8010401123456"); // wrong check digit
  await page.getByRole("button", { name: "作成" }).click();
  await expect(page.getByText("法人番号が正しくありません")).toBeVisible();
  await expect(page.getByLabel("法人名（日本語）")).toHaveValue("アクメ株式会社"); // nothing lost
  await page.getByLabel("法人番号（13桁）").fill("9010401123456");
  await page.getByRole("button", { name: "作成" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByTestId("current-org")).toHaveText("アクメ株式会社");
  const me = await apiFromPage(page, "/api/v1/me");
  expect(me.body.memberships).toContainEqual(expect.objectContaining({ orgSlug: slug, role: "owner" }));

  // Reserved and taken slugs are refused before anything is created.
  const reserved = await apiFromPage(page, "/api/v1/orgs", { method: "POST", body: { slug: "staff", legalNameJa: "x", legalNameEn: "x" } });
  expect(reserved.status).toBe(400);
  const taken = await apiFromPage(page, "/api/v1/orgs", { method: "POST", body: { slug, legalNameJa: "x", legalNameEn: "x" } });
  expect(taken.status).toBe(409);
});
