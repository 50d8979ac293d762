import { describe, expect, it } from "vitest";
import { needsReissue } from "./needs-reissue";

const issuedAt = "2026-11-22T03:00:00.000Z";
const expiresAt = "2026-11-23T03:00:00.000Z";
const last = { issuedAt, expiresAt, nodeSetDigest: "sha256:one" };
const at = (iso: string) => new Date(iso);

describe("needsReissue", () => {
  it("issues the first statement", () => {
    expect(needsReissue(undefined, { nodeSetDigest: "sha256:one" }, at(issuedAt))).toBe("never_issued");
  });

  it("re-issues at once when the node set changes", () => {
    expect(needsReissue(last, { nodeSetDigest: "sha256:two" }, at("2026-11-22T03:00:01Z"))).toBe("node_set_changed");
  });

  it("keeps a fresh statement for an unchanged node set", () => {
    expect(needsReissue(last, { nodeSetDigest: "sha256:one" }, at("2026-11-22T20:00:00Z"))).toBeNull();
  });

  it("renews before expiry so a valid statement always exists, and always after 24 h", () => {
    expect(needsReissue(last, { nodeSetDigest: "sha256:one" }, at("2026-11-23T01:59:59Z"))).toBeNull();
    expect(needsReissue(last, { nodeSetDigest: "sha256:one" }, at("2026-11-23T02:00:00Z"))).toBe("renewal_due");
    expect(needsReissue(last, { nodeSetDigest: "sha256:one" }, at("2026-11-25T00:00:00Z"))).toBe("renewal_due");
    const longLived = { ...last, expiresAt: "2026-12-22T03:00:00.000Z" };
    expect(needsReissue(longLived, { nodeSetDigest: "sha256:one" }, at("2026-11-23T03:00:00Z"))).toBe("renewal_due");
    expect(needsReissue(longLived, { nodeSetDigest: "sha256:one" }, at("2026-11-23T02:59:59Z"))).toBeNull();
  });
});
