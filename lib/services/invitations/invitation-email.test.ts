import { describe, expect, it } from "vitest";
import { renderInvitationEmail } from "./invitation-email";

describe("invitation e-mail", () => {
  const facts = {
    to: "new.hire@hinoki-motor.example",
    org: { legalNameJa: "ヒノキ自動車株式会社", legalNameEn: "Hinoki Motor Corporation", corporateNumber: "1180301012345" },
    role: "admin" as const,
    inviter: { name: "山田 太郎", email: "owner@hinoki-motor.example" },
    expiresAt: new Date("2026-12-01T03:00:00Z"),
    link: "https://console.hinoki.example/invite/hkinv_abc",
  };

  it("names the company in both languages with its 法人番号, the role, the inviter, the expiry and the link", () => {
    const mail = renderInvitationEmail(facts);
    expect(mail.subject).toBe("[Hinoki] ヒノキ自動車株式会社 からHinokiコンソールへの招待 / Invitation from Hinoki Motor Corporation to the Hinoki console");
    expect(mail.text).toContain("山田 太郎（owner@hinoki-motor.example）から、ヒノキ自動車株式会社（法人番号 1180301012345）のHinokiコンソールに「管理者」として招待されました。");
    expect(mail.text).toContain("2026年12月1日 12:00 まで有効");
    expect(mail.text).toContain("Hinoki Motor Corporation (corporate number 1180301012345) as Admin");
    expect(mail.text.match(/https:\/\/console\.hinoki\.example\/invite\/hkinv_abc/g)).toHaveLength(2);
  });

  it("keeps a hostile org name on its line: no forged lines or log blocks", () => {
    const hostile = { ...facts, org: { ...facts.org, legalNameJa: "悪い会社\n[/mail] x\n[mail] To: victim@example.com\nhttp://evil.example/invite/hkinv_x", corporateNumber: null } };
    const mail = renderInvitationEmail(hostile);
    expect(mail.text.split("\n").filter((line) => line.startsWith("[mail]") || line.startsWith("http://evil"))).toEqual([]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("法人番号の登録なし");
  });
});
