import { describe, expect, it } from "vitest";
import { ORG_ROLES, roleCan, roleWithin, STAFF_ORG_PERMISSIONS } from "./permissions";

describe("permission table", () => {
  it("gives the owner everything and the admin everything but ownership", () => {
    expect(roleCan("owner", "ownership.transfer")).toBe(true);
    expect(roleCan("owner", "org.close")).toBe(true);
    expect(roleCan("admin", "ownership.transfer")).toBe(false);
    expect(roleCan("admin", "org.close")).toBe(false);
    // Who may sign in to the org (its identity providers) is the owner's alone (issue 14).
    expect(roleCan("owner", "sso.manage")).toBe(true);
    expect(roleCan("admin", "sso.manage")).toBe(false);
    expect(roleCan("admin", "members.write")).toBe(true);
    expect(roleCan("admin", "billing.read")).toBe(true);
  });

  it("lets a developer run workloads and hold credentials but not manage members or see money", () => {
    for (const p of ["clusters.write", "endpoints.write", "endpoints.keys", "clusters.credentials"] as const) {
      expect(roleCan("developer", p)).toBe(true);
    }
    expect(roleCan("developer", "members.write")).toBe(false);
    expect(roleCan("developer", "billing.read")).toBe(false);
  });

  it("lets billing see invoices and budgets but not launch anything", () => {
    expect(roleCan("billing", "billing.read")).toBe(true);
    expect(roleCan("billing", "billing.write")).toBe(true);
    expect(roleCan("billing", "clusters.write")).toBe(false);
    expect(roleCan("billing", "clusters.credentials")).toBe(false);
  });

  it("lets a viewer read but never write or see secrets", () => {
    expect(roleCan("viewer", "clusters.read")).toBe(true);
    expect(roleCan("viewer", "audit.read")).toBe(true);
    for (const p of ["clusters.write", "clusters.credentials", "endpoints.keys", "members.write", "tokens.write"] as const) {
      expect(roleCan("viewer", p)).toBe(false);
    }
  });

  it("never gives staff a secret", () => {
    expect(STAFF_ORG_PERMISSIONS).not.toContain("clusters.credentials");
    expect(STAFF_ORG_PERMISSIONS).not.toContain("endpoints.keys");
    expect(STAFF_ORG_PERMISSIONS).not.toContain("tokens.read");
  });

  it("orders roles by what they may do, for token roles", () => {
    expect(roleWithin("viewer", "developer")).toBe(true);
    expect(roleWithin("developer", "admin")).toBe(true);
    expect(roleWithin("admin", "developer")).toBe(false);
    expect(roleWithin("billing", "developer")).toBe(false);
    for (const r of ORG_ROLES) expect(roleWithin(r, "owner")).toBe(true);
  });
});
