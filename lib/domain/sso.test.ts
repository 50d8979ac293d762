import { describe, expect, it } from "vitest";
import { CreateIdentityProviderInput } from "./sso";

// The fuzz journey found these answered with a 500: an issuer that is no URL at all made the
// refinement throw instead of failing validation.

describe("identity provider input", () => {
  const valid = { name: "Acme IdP", issuer: "https://login.acme.example/tenant", clientId: "console", clientSecret: "secret", domains: ["acme.example"] };

  it("refuses an issuer that is not a URL as a validation issue, without throwing", () => {
    for (const issuer of ["x", "長".repeat(400), "", "https://", "//evil"]) {
      const result = CreateIdentityProviderInput.safeParse({ ...valid, issuer });
      expect(result.success, issuer.slice(0, 20)).toBe(false);
    }
  });

  it("refuses issuers with a query, a fragment or credentials, and takes a clean one", () => {
    for (const issuer of ["https://login.acme.example/?a=1", "https://login.acme.example/#x", "https://user:pw@login.acme.example/", "ftp://login.acme.example/"]) {
      expect(CreateIdentityProviderInput.safeParse({ ...valid, issuer }).success, issuer).toBe(false);
    }
    expect(CreateIdentityProviderInput.safeParse(valid).success).toBe(true);
  });
});
