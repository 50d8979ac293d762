import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import enCli from "./messages/en/cli.json";
import jaCli from "./messages/ja/cli.json";

// The rules of docs/ja-style.md that a machine can check: one term per concept, the punctuation
// and spacing the catalog uses, buttons that end in a noun, errors that say what to do, and an
// English catalog without Japanese outside a gloss. A new string that breaks a rule fails here
// with its key, so the catalog stays one voice as it grows.

function flat(value: unknown, prefix = ""): Array<[string, string]> {
  if (typeof value === "string") return [[prefix, value]];
  return Object.entries(value as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
}

// The CLI prints from its own pair of files (lib/cli/locale.ts); they follow the same rules.
const ja = [...flat(MESSAGES.ja), ...flat(jaCli, "cli")];
const en = [...flat(MESSAGES.en), ...flat(enCli, "cli")];

/** The text a reader sees, without ICU placeholders (their names are code, not words). */
function literal(text: string): string {
  let out = "";
  let depth = 0;
  for (const ch of text) {
    if (ch === "{") depth++;
    if (depth === 0) out += ch;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "}" && depth === 0) out += "§";
  }
  return out;
}

function offenders(entries: Array<[string, string]>, test: (text: string, key: string) => boolean): string[] {
  return entries.filter(([key, text]) => test(literal(text), key)).map(([key, text]) => `${key}: ${text}`);
}

// The glossary: the word on the left is not used; the one on the right is.
const GLOSSARY: Array<[RegExp, string]> = [
  [/クラスタ(?!ー)/, "クラスター"],
  [/オーガニゼーション/, "組織"],
  [/ユーザー/, "メンバー（組織の一員）・アカウント（サインインする本人）"],
  [/お客さま/, "お客様"],
  [/ステータス/, "状態"],
  [/取消(?!し)/, "取り消し"],
  [/取下げ/, "取り下げ"],
  [/再度お試し/, "もう一度お試しください"],
  [/しばらく待って|時間をおいて/, "しばらくしてから"],
  [/パラメータ(?!ー)/, "パラメーター"],
  [/サーバ(?!ー)/, "サーバー"],
  [/支払期日|お支払い期限/, "支払期限"],
  [/書き出す/, "ダウンロード"],
  [/一覧へ戻る/, "一覧に戻る"],
  [/インボイス/, "請求書"],
  [/失効/, "無効化（APIトークン・APIキー）"],
  [/スラッグ|識別子/, "組織ID"],
];

describe("the Japanese catalog follows docs/ja-style.md", () => {
  for (const [pattern, preferred] of GLOSSARY) {
    it(`says ${preferred}, not ${pattern.source}`, () => {
      expect(offenders(ja, (text) => pattern.test(text))).toEqual([]);
    });
  }

  it("uses キャンセル only for the button that closes a dialog without doing anything", () => {
    expect(offenders(ja, (text) => text.includes("キャンセル") && text !== "キャンセル")).toEqual([]);
  });

  it("uses full-width brackets and sentence marks, and the half-width colon with a space", () => {
    expect(offenders(ja, (text) => /[()!?]/.test(text.replace(/\([^)]*\)|`[^`]*`|<[^>]*>/g, "")))).toEqual([]);
    expect(offenders(ja, (text) => text.includes("："))).toEqual([]);
  });

  it("joins Japanese to product terms and numbers without a space (code and placeholders keep theirs)", () => {
    // A word that starts with a capital or a digit (API, ID, GPU, Hinoki, 401, 0) is part of the
    // sentence; a lower-case token (openssl, eat_nonce, --wait) or a dotted name is code and keeps its spaces.
    const jp = "[\\u3040-\\u30ff\\u4e00-\\u9fff々]";
    const word = "[A-Z0-9][A-Za-z0-9,〜~+]*(?:-[A-Za-z0-9]+)*";
    const spaced = new RegExp(`${jp} (${word})(?=[ \\u3040-\\u30ff\\u4e00-\\u9fff（、。])|(?<=^|[ \u3000（「、・。])(${word}) ${jp}`);
    const code = /Idempotency-Key|Content-Type/;
    expect(offenders(ja, (text) => spaced.test(text.replace(code, "CODE").replace(/CODE/g, "c")))).toEqual([]);
  });

  it("ends buttons in a noun (「削除」, not 「削除する」); 〜にする and numbered steps of a procedure stay verbs", () => {
    const label = (text: string) => !text.includes("。") && text.length <= 30 && !/^\d+\. /.test(text);
    expect(offenders(ja, (text) => label(text) && /[^に]する$/.test(text))).toEqual([]);
  });

  it("words every error as what happened and what to do, politely (「〜ください。」)", () => {
    const errors = ja.filter(([key]) => key.startsWith("errors."));
    expect(errors.length).toBeGreaterThan(20);
    expect(offenders(errors, (text) => !/。$/.test(text) || !/ください。/.test(text))).toEqual([]);
  });
});

describe("the English catalog", () => {
  it("counts days, hours, minutes, seconds, members, orders and entries through ICU plural (no 「1 days」)", () => {
    const bare = /\{(\w+)\} (days|hours|minutes|seconds|members|orders|entries)\b/g;
    const found = en.flatMap(([key, text]) => [...text.matchAll(bare)].map((m) => `${key}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it("shows Japanese only as a gloss in parentheses (稟議, 法人番号) or as the language's own name", () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const stripped = (text: string) => text.replace(/\([^)]*\)/g, "");
    expect(offenders(en, (text, key) => key !== "common.languages.ja" && japanese.test(stripped(text)))).toEqual([]);
  });
});
