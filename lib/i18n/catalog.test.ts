import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

// Every key exists in both catalogs, and no Japanese screen shows an English placeholder.

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(leaves);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}

describe("message catalogs", () => {
  it("have identical keys in ja and en", () => {
    expect(keys(MESSAGES.ja).sort()).toEqual(keys(MESSAGES.en).sort());
  });

  it("use the same placeholders in both languages", () => {
    const flat = (obj: unknown, prefix = ""): Array<[string, string]> =>
      typeof obj === "string" ? [[prefix, obj]] : Object.entries(obj as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
    const en = new Map(flat(MESSAGES.en));
    for (const [key, ja] of flat(MESSAGES.ja)) expect([key, placeholders(ja)]).toEqual([key, placeholders(en.get(key) ?? "")]);
  });

  it("have no empty strings", () => {
    for (const text of [...leaves(MESSAGES.ja), ...leaves(MESSAGES.en)]) expect(text.trim()).not.toBe("");
  });

  it("count GPUs, nodes and replicas in English through ICU plural (no 「1 GPUs」)", () => {
    // A bare number before a countable noun; a model name before it ("{gpuModel} GPUs") is not a count.
    const bare = /\{(\w+)\} (GPUs|nodes|replicas|trays)\b/g;
    const offenders = leaves(MESSAGES.en).flatMap((text) => [...text.matchAll(bare)].filter((m) => !/model/i.test(m[1])).map((m) => `${m[0]} in "${text}"`));
    expect(offenders).toEqual([]);
  });
});
