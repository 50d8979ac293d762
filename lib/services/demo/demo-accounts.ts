// The demo people and organizations seeded on first start, printed to the terminal so anyone
// can sign in at once. Fictional companies; 法人番号 with valid check digits.

export const DEMO_PASSWORD = process.env.HINOKI_DEMO_PASSWORD ?? "hinoki-demo-2026";

export const DEMO_ORGS = [
  {
    slug: "hinoki-motor",
    legalNameJa: "ヒノキ自動車株式会社",
    legalNameEn: "Hinoki Motor Corporation",
    corporateNumber: "1180301012345",
    billingAddress: { postalCode: "471-8571", prefecture: "愛知県", city: "豊田市", line1: "ヒノキ町1番地" },
    contactName: "山田 太郎",
    contactEmail: "it-procurement@hinoki-motor.example",
  },
  {
    slug: "minato-seimitsu",
    legalNameJa: "みなと精密工業株式会社",
    legalNameEn: "Minato Precision Industries Co., Ltd.",
    corporateNumber: "2010401099991",
    billingAddress: { postalCode: "105-0022", prefecture: "東京都", city: "港区", line1: "海岸一丁目2番3号" },
    contactName: "佐藤 花子",
    contactEmail: "admin@minato-seimitsu.example",
  },
] as const;

export const DEMO_USERS = [
  { email: "owner@hinoki-motor.example", name: "山田 太郎", org: "hinoki-motor", role: "owner", staffRole: null },
  { email: "dev@hinoki-motor.example", name: "鈴木 一郎", org: "hinoki-motor", role: "developer", staffRole: null },
  { email: "billing@hinoki-motor.example", name: "高橋 美咲", org: "hinoki-motor", role: "billing", staffRole: null },
  { email: "viewer@hinoki-motor.example", name: "田中 健", org: "hinoki-motor", role: "viewer", staffRole: null },
  { email: "owner@minato-seimitsu.example", name: "佐藤 花子", org: "minato-seimitsu", role: "owner", staffRole: null },
  { email: "am@hinoki.example", name: "伊藤 恵（アカウントマネージャー）", org: null, role: null, staffRole: "account_manager" },
  { email: "admin@hinoki.example", name: "渡辺 誠（プラットフォーム管理者）", org: null, role: null, staffRole: "platform_admin" },
] as const;
