import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { apiTokens } from "@/lib/db/schema";
import { principalForToken } from "@/lib/auth/load-principal";
import { hashSecret } from "@/lib/auth/secrets";
import { orgWithRoles, testContext } from "../testing/fixtures";
import { updateMemberRole } from "../members/update-member-role";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

describe("API tokens", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
  });
  afterAll(async () => handle.close());

  it("shows the secret once and stores only its hash", async () => {
    const token = await createApiToken(acme.as.developer, "acme", { name: "ci", role: "developer", expiresInDays: 30 });
    expect(token.secret).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row.secretHash).toBe(hashSecret(token.secret));
    expect(JSON.stringify(row)).not.toContain(token.secret);
    const listed = await listApiTokens(acme.as.viewer, "acme").catch((e) => e);
    expect(listed).toMatchObject({ code: "forbidden" }); // viewers see no tokens at all
    const mine = (await listApiTokens(acme.as.developer, "acme")).items;
    expect(mine.find((t) => t.id === token.id)).not.toHaveProperty("secret");
  });

  it("acts with its role in its org only", async () => {
    const token = await createApiToken(acme.as.admin, "acme", { name: "ro", role: "viewer", expiresInDays: 30 });
    const principal = await principalForToken(handle.db, token.secret, testContext);
    expect(principal?.memberships).toEqual([expect.objectContaining({ orgSlug: "acme", role: "viewer" })]);
    expect(principal?.kind).toBe("api_token");
  });

  it("refuses a role above the creator's", async () => {
    await expect(createApiToken(acme.as.developer, "acme", { name: "x", role: "admin", expiresInDays: 30 })).rejects.toMatchObject({ code: "role_too_high" });
    await expect(createApiToken(acme.as.billing, "acme", { name: "x", role: "developer", expiresInDays: 30 })).rejects.toMatchObject({ code: "role_too_high" });
  });

  it("stops working when revoked or expired, and never outlives its creator's rights", async () => {
    const token = await createApiToken(acme.as.owner, "acme", { name: "deploy", role: "admin", expiresInDays: 1 });
    expect(await principalForToken(handle.db, token.secret, testContext)).not.toBeNull();
    const tomorrow = new Date(Date.now() + 2 * 86400_000);
    expect(await principalForToken(handle.db, token.secret, testContext, tomorrow)).toBeNull();

    const demoted = await createApiToken(acme.as.admin, "acme", { name: "admin-tool", role: "admin", expiresInDays: 30 });
    await updateMemberRole(acme.as.owner, "acme", acme.userIds.admin, { role: "viewer" });
    expect((await principalForToken(handle.db, demoted.secret, testContext))?.memberships[0].role).toBe("viewer");

    await revokeApiToken(acme.as.owner, "acme", token.id);
    expect(await principalForToken(handle.db, token.secret, testContext)).toBeNull();
    expect(await principalForToken(handle.db, "hk_not-a-real-token", testContext)).toBeNull();
  });

  it("is a 404 from another org", async () => {
    const other = await orgWithRoles(handle.db, "other");
    const token = await createApiToken(acme.as.owner, "acme", { name: "t", role: "viewer", expiresInDays: 30 });
    await expect(revokeApiToken(other.as.owner, "other", token.id)).rejects.toMatchObject({ code: "not_found" });
  });

  describe("a token made by a token (issue 14)", () => {
    const asToken = async (secret: string) => {
      const principal = await principalForToken(handle.db, secret, testContext);
      if (!principal) throw new Error("token does not resolve");
      return principal;
    };

    it("records its parent, never outranks it and never outlives it", async () => {
      const parent = await createApiToken(acme.as.owner, "acme", { name: "pipeline", role: "developer", expiresInDays: 7 });
      const viaParent = await asToken(parent.secret);
      await expect(createApiToken(viaParent, "acme", { name: "up", role: "admin", expiresInDays: 1 })).rejects.toMatchObject({ code: "role_too_high" });
      const forever = await createApiToken(viaParent, "acme", { name: "forever", role: "viewer", expiresInDays: null });
      const longer = await createApiToken(viaParent, "acme", { name: "longer", role: "developer", expiresInDays: 365 });
      const shorter = await createApiToken(viaParent, "acme", { name: "shorter", role: "viewer", expiresInDays: 1 });
      expect(forever.parentTokenId).toBe(parent.id);
      expect(forever.expiresAt).toBe(parent.expiresAt);
      expect(longer.expiresAt).toBe(parent.expiresAt);
      expect(new Date(shorter.expiresAt!).getTime()).toBeLessThan(new Date(parent.expiresAt!).getTime());
      expect(parent.parentTokenId).toBeNull();
      // After the parent's expiry, none of its children works.
      const later = new Date(new Date(parent.expiresAt!).getTime() + 1000);
      expect(await principalForToken(handle.db, forever.secret, testContext, later)).toBeNull();
      expect(await principalForToken(handle.db, longer.secret, testContext, later)).toBeNull();
    });

    it("dies with its parent, through every generation, at once (cache included)", async () => {
      const parent = await createApiToken(acme.as.owner, "acme", { name: "root", role: "admin", expiresInDays: null });
      const child = await createApiToken(await asToken(parent.secret), "acme", { name: "child", role: "developer", expiresInDays: null });
      const grandchild = await createApiToken(await asToken(child.secret), "acme", { name: "grandchild", role: "viewer", expiresInDays: null });
      const unrelated = await createApiToken(acme.as.owner, "acme", { name: "unrelated", role: "viewer", expiresInDays: null });
      // Resolved (and cached) just before the revocation.
      expect(await principalForToken(handle.db, grandchild.secret, testContext)).not.toBeNull();
      await revokeApiToken(acme.as.owner, "acme", parent.id);
      for (const token of [parent, child, grandchild]) expect(await principalForToken(handle.db, token.secret, testContext)).toBeNull();
      expect(await principalForToken(handle.db, unrelated.secret, testContext)).not.toBeNull();
      const listed = (await listApiTokens(acme.as.owner, "acme")).items;
      expect(listed.find((t) => t.id === grandchild.id)?.revokedAt).not.toBeNull();
    });

    it("a parent revoked while a child is being made leaves no live child", async () => {
      for (let round = 0; round < 5; round++) {
        const parent = await createApiToken(acme.as.owner, "acme", { name: `race-${round}`, role: "developer", expiresInDays: 30 });
        const viaParent = await asToken(parent.secret);
        const [made] = await Promise.allSettled([
          createApiToken(viaParent, "acme", { name: `race-child-${round}`, role: "viewer", expiresInDays: 30 }),
          revokeApiToken(acme.as.owner, "acme", parent.id),
        ]);
        if (made.status === "fulfilled") expect(await principalForToken(handle.db, made.value.secret, testContext)).toBeNull();
        const rows = await handle.db.select().from(apiTokens).where(eq(apiTokens.parentTokenId, parent.id));
        expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
      }
    });
  });

  it("revoking needs a role at least the token's: a developer cannot revoke the owner's automation", async () => {
    const ownerAutomation = await createApiToken(acme.as.owner, "acme", { name: "owner-automation", role: "admin", expiresInDays: 30 });
    const billingTool = await createApiToken(acme.as.billing, "acme", { name: "billing-export", role: "billing", expiresInDays: 30 });
    const devToken = await createApiToken(acme.as.developer, "acme", { name: "dev-ci", role: "developer", expiresInDays: 30 });
    await expect(revokeApiToken(acme.as.developer, "acme", ownerAutomation.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeApiToken(acme.as.developer, "acme", billingTool.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeApiToken(acme.as.billing, "acme", devToken.id)).rejects.toMatchObject({ code: "forbidden" });
    // Nor through a token of its own.
    const viaDev = await principalForToken(handle.db, devToken.secret, testContext);
    await expect(revokeApiToken(viaDev!, "acme", ownerAutomation.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await principalForToken(handle.db, ownerAutomation.secret, testContext)).not.toBeNull();
    await revokeApiToken(acme.as.developer, "acme", devToken.id);
    await revokeApiToken(acme.as.owner, "acme", ownerAutomation.id);
    expect(await principalForToken(handle.db, ownerAutomation.secret, testContext)).toBeNull();
  });
});
