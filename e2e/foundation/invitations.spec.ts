import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";
import { invitationLinkMailedTo, newestMailTo } from "../mailbox";

// Invitations as a person meets them (issue 14, item 1): the link reaches the invitee's mailbox
// only; the account it makes joins nothing; joining is the person's own "yes" to one invitation
// whose company they can check by its legal name and 法人番号.

test("an owner invites; the invitee reads the link in their mail, creates an account, checks the company and accepts", async ({ page, browser }) => {
  const email = `new-${Date.now()}@hinoki-motor.example`;
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/settings/members`);
  await page.getByRole("button", { name: "メンバーを招待" }).click();
  await page.getByRole("dialog").getByLabel("メールアドレス").fill(email);
  await page.getByRole("dialog").getByLabel("ロール").selectOption("developer");
  await page.getByRole("button", { name: "招待メールを送信" }).click();
  // The inviter learns that the mail went out, never the link.
  await expect(page.getByRole("dialog").getByRole("status")).toContainText(`${email} に招待メールを送りました`);
  await expect(page.getByRole("dialog")).not.toContainText("hkinv_");
  await expect(page.getByRole("dialog")).not.toContainText("/invite/");
  await page.getByRole("button", { name: "閉じる" }).first().click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible(); // pending invitations
  const listed = await apiFromPage(page, `/api/v1/orgs/${ORG}/invitations`);
  expect(JSON.stringify(listed.body)).not.toContain("hkinv_");

  // The invitee's mailbox: the company, its 法人番号, who invited, and the link.
  const mail = await newestMailTo(email);
  expect(mail).toContain("ヒノキ自動車株式会社（法人番号 1180301012345）");
  expect(mail).toContain("山田 太郎（owner@hinoki-motor.example）");
  const link = await invitationLinkMailedTo(email);

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "ヒノキ自動車株式会社 からの招待" })).toBeVisible();
  await expect(invitee.getByTestId("invitation-corporate-number")).toHaveText("1180301012345");
  await expect(invitee.getByTestId("invitation-role")).toHaveText("開発者");
  await invitee.getByLabel("お名前").fill("新人 花子");
  await invitee.getByLabel("パスワード（10文字以上）").fill("a-long-password-1");
  await invitee.getByRole("button", { name: "アカウントを作成" }).click();

  // Signed in, a member of nothing yet: the invitation waits for the answer.
  await expect(invitee).toHaveURL(/\/invitations$/);
  const card = invitee.getByTestId("received-invitation");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("invitation-org")).toHaveText("ヒノキ自動車株式会社");
  await expect(card.getByTestId("invitation-org-en")).toHaveText("Hinoki Motor Corporation");
  await expect(card.getByTestId("invitation-corporate-number")).toHaveText("1180301012345");
  await expect(card.getByTestId("invitation-invited-by")).toContainText("山田 太郎");
  expect((await apiFromPage(invitee, "/api/v1/me")).body.memberships).toEqual([]);
  await card.getByRole("button", { name: "承認して参加" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(invitee.getByTestId("current-org")).toHaveText("ヒノキ自動車株式会社");
  await expect(invitee.getByTestId("user-name")).toHaveText("新人 花子");
  await context.close();

  // The inviter sees the new member, hears about the join, and the audit log has it.
  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toContainText("新人 花子");
  const bell = await apiFromPage(page, `/api/v1/orgs/${ORG}/notifications`);
  expect(bell.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ titleKey: "memberJoined.title", params: expect.objectContaining({ email }) })]));
  await page.goto(`/${ORG}/audit?action=member.join`);
  await expect(page.getByTestId("audit-row").first()).toContainText(email);

  // The link is spent.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("この招待リンクは無効か、期限切れか、すでに使用されています。")).toBeVisible();
  await again.close();
});

test("another org's invitation makes nobody a member: the person sees which company asks and declines", async ({ page, browser }) => {
  // みなと精密工業's owner invites a ヒノキ自動車 developer, as owner of their org.
  await signIn(page, USERS.otherOwner);
  const created = await apiFromPage(page, `/api/v1/orgs/${OTHER_ORG}/invitations`, { method: "POST", body: { email: USERS.developer, role: "owner" } });
  expect(created.status).toBe(201);
  expect(JSON.stringify(created.body)).not.toMatch(/hkinv_|acceptUrl/);

  const context = await browser.newContext();
  const dev = await context.newPage();
  await signIn(dev, USERS.developer);
  // Signing in accepted nothing: still only ヒノキ自動車, with a banner about the invitation.
  await expect(dev).toHaveURL(new RegExp(`/${ORG}$`));
  expect((await apiFromPage(dev, "/api/v1/me")).body.memberships.map((m: { orgSlug: string }) => m.orgSlug)).toEqual([ORG]);
  const banner = dev.getByTestId("pending-invitations-banner");
  await expect(banner).toContainText("1件の招待が届いています。");
  await banner.getByRole("link", { name: "内容を確認" }).click();
  const card = dev.getByTestId("received-invitation");
  await expect(card.getByTestId("invitation-org")).toHaveText("みなと精密工業株式会社");
  await expect(card.getByTestId("invitation-corporate-number")).toHaveText("2010401099991");
  await expect(card.getByTestId("invitation-role")).toHaveText("オーナー");
  await card.getByRole("button", { name: "辞退", exact: true }).click();
  await expect(dev.getByText("保留中の招待はありません。")).toBeVisible();
  expect((await apiFromPage(dev, "/api/v1/me")).body.memberships.map((m: { orgSlug: string }) => m.orgSlug)).toEqual([ORG]);
  await context.close();

  await page.goto(`/${OTHER_ORG}/audit?action=invitation.decline`);
  await expect(page.getByTestId("audit-row").first()).toContainText("invitation.decline");
});
