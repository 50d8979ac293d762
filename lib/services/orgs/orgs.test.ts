import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { createOrg } from "./create-org";
import { getOrg } from "./get-org";
import { updateOrg } from "./update-org";
import { updateMe } from "../me/update-me";
import { errorPayload } from "@/lib/api/error-response";

describe("organizations", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("creates an org whose creator is its owner", async () => {
    const founder = await principalOf(handle.db, await createUser(handle.db, "founder@example.com"));
    const org = await createOrg(founder, { slug: "hinoki-bank", legalNameJa: "ひのき銀行株式会社", legalNameEn: "Hinoki Bank", corporateNumber: "9010401123456" });
    expect(org.corporateNumber).toBe("9010401123456");
    const after = await principalOf(handle.db, founder.userId);
    expect(after.memberships).toEqual([expect.objectContaining({ orgSlug: "hinoki-bank", role: "owner" })]);
    await expect(createOrg(founder, { slug: "hinoki-bank", legalNameJa: "x", legalNameEn: "x" })).rejects.toMatchObject({ code: "already_exists" });
  });

  it("validates the 法人番号 check digit and refuses reserved slugs", async () => {
    const p = await principalOf(handle.db, await createUser(handle.db, "p@example.com"));
    await expect(createOrg(p, { slug: "good-slug", legalNameJa: "x", legalNameEn: "x", corporateNumber: "8010401123456" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createOrg(p, { slug: "staff", legalNameJa: "x", legalNameEn: "x" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createOrg(p, { slug: "Bad_Slug", legalNameJa: "x", legalNameEn: "x" })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("lets owner and admin edit the profile, not a developer; others' orgs are 404", async () => {
    const acme = await orgWithRoles(handle.db, "acme");
    const other = await orgWithRoles(handle.db, "other");
    await expect(updateOrg(acme.as.admin, "acme", { legalNameEn: "Acme Holdings" })).resolves.toMatchObject({ legalNameEn: "Acme Holdings" });
    await expect(updateOrg(acme.as.developer, "acme", { legalNameEn: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getOrg(other.as.owner, "acme")).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers a PATCH that changes nothing ({} or unknown fields only) with 400, for the org and for me", async () => {
    const acme = await orgWithRoles(handle.db, "acme-noop");
    for (const attempt of [() => updateOrg(acme.as.owner, "acme-noop", {}), () => updateOrg(acme.as.owner, "acme-noop", { unknown: 1 } as never), () => updateMe(acme.as.owner, {}), () => updateMe(acme.as.owner, { nickname: "x" } as never)]) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      const { status, body } = errorPayload(error, "req_noop", "en");
      expect(status).toBe(400);
      expect(JSON.stringify(body.error.details)).toContain("nothing to change");
    }
    expect((await getOrg(acme.as.owner, "acme-noop")).legalNameJa).toBe("acme-noop株式会社");
  });
});
