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
    const mine = await listApiTokens(acme.as.developer, "acme");
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
});
