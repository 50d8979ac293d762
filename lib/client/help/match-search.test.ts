import { describe, expect, it } from "vitest";
import { matchSearch, type SearchItem } from "./match-search";

const items: SearchItem[] = [
  { kind: "page", label: "クラスター", keywords: ["clusters"], href: "/o/clusters" },
  { kind: "page", label: "監査ログ", keywords: ["audit log"], href: "/o/audit" },
  { kind: "cluster", label: "prod-training", detail: "cl_01PROD", href: "/o/clusters/cl_01PROD" },
  { kind: "cluster", label: "llm-prod", detail: "cl_02LLM", href: "/o/clusters/cl_02LLM" },
  { kind: "endpoint", label: "support-chat", detail: "ep_01CHAT", href: "/o/endpoints/ep_01CHAT" },
];

describe("matchSearch", () => {
  it("finds a resource by the start of its name before one that only contains the word", () => {
    expect(matchSearch(items, "prod").map((i) => i.label)).toEqual(["prod-training", "llm-prod"]);
  });

  it("finds a resource by its id and a page by its other-language name", () => {
    expect(matchSearch(items, "ep_01").map((i) => i.href)).toEqual(["/o/endpoints/ep_01CHAT"]);
    expect(matchSearch(items, "audit").map((i) => i.href)).toEqual(["/o/audit"]);
  });

  it("reads full-width letters and any case as the person meant them", () => {
    expect(matchSearch(items, "ＰＲＯＤ－Ｔ").map((i) => i.label)).toEqual(["prod-training"]);
    expect(matchSearch(items, "Support").map((i) => i.label)).toEqual(["support-chat"]);
  });

  it("offers the pages before anything is typed, and nothing for a word nobody has", () => {
    expect(matchSearch(items, "  ").map((i) => i.kind)).toEqual(["page", "page"]);
    expect(matchSearch(items, "zzz")).toEqual([]);
  });
});
