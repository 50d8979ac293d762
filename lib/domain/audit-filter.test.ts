import { describe, expect, it } from "vitest";
import { auditFilterOf, sameAuditFilter } from "./audit-filter";

const from = (params: Record<string, string>) => auditFilterOf((name) => params[name]);

describe("the audit log's filters from the address", () => {
  it("reads JST calendar days as instants, the end day inclusive", () => {
    expect(from({ from: "2026-12-01", to: "2026-12-05", action: "cluster.", actor: "dev" })).toEqual({
      actor: "dev",
      action: "cluster.",
      from: "2026-11-30T15:00:00.000Z",
      to: "2026-12-05T15:00:00.000Z",
    });
  });

  it("leaves out what is empty or not a date instead of failing the page", () => {
    expect(from({ from: "yesterday", to: "", action: "" })).toEqual({ actor: undefined, action: undefined, from: undefined, to: undefined });
  });

  it("tells whether the server's first page was read for the filters on screen", () => {
    expect(sameAuditFilter(from({ action: "cluster." }), from({ action: "cluster." }))).toBe(true);
    expect(sameAuditFilter(from({ action: "cluster." }), from({}))).toBe(false);
  });
});
