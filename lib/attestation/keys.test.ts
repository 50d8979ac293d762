import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { attestationSigningKeys } from "@/lib/db/schema/attestation";
import { unwrapPrivateJwk } from "./key-wrap";
import { activeSigningKey, ensureActiveKey, publicJwks, rotateKey } from "./keys";
import { createAttestationTestDb, testKek } from "./testing";

describe("attestation signing keys", () => {
  let handle: DbHandle;
  const kek = testKek();
  beforeAll(async () => {
    handle = await createAttestationTestDb();
  });
  afterAll(async () => handle.close());

  it("creates one active ES256 key on first use, even when several callers race, and keeps it", async () => {
    // Runs first, on an empty table: on PostgreSQL these are separate connections racing.
    const racers = await Promise.all(Array.from({ length: 6 }, () => ensureActiveKey(handle.db, { kek })));
    expect(new Set(racers.map((k) => k.kid)).size).toBe(1);
    const rows = await handle.db.select().from(attestationSigningKeys);
    expect(rows).toHaveLength(1);
    const first = await ensureActiveKey(handle.db, { kek });
    expect(first.kid).toBe(racers[0].kid);
    const again = await ensureActiveKey(handle.db, { kek });
    expect(again.kid).toBe(first.kid);
    expect(first.status).toBe("active");
    expect(first.publicJwk).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
  });

  it("names the key by its RFC 7638 thumbprint", async () => {
    const { kid, publicJwk } = await ensureActiveKey(handle.db, { kek });
    // Computed here by hand from the RFC: required members, lexicographic order, no spaces.
    const canonical = `{"crv":"P-256","kty":"EC","x":"${publicJwk.x}","y":"${publicJwk.y}"}`;
    expect(kid).toBe(createHash("sha256").update(canonical).digest("base64url"));
  });

  it("never stores a private key in plaintext", async () => {
    const { kid } = await ensureActiveKey(handle.db, { kek });
    const raw = await handle.db.execute(sql`select * from attestation_signing_keys where kid = ${kid}`);
    const row = (raw as unknown as { rows: Record<string, unknown>[] }).rows[0];
    const everything = JSON.stringify(row);
    const privateJwk = unwrapPrivateJwk(kek, kid, String(row.encrypted_private_key), String(row.kek_id));
    expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(everything).not.toContain(privateJwk.d!);
    expect(everything).not.toContain('"d"');
    // Nor in any other encoding of the same 32 bytes.
    const dBytes = Buffer.from(privateJwk.d!, "base64url");
    expect(everything).not.toContain(dBytes.toString("hex"));
    expect(everything).not.toContain(dBytes.toString("base64"));
    expect(String(row.encrypted_private_key)).toMatch(/^A256GCM\.v1\./);
  });

  it("cannot be unwrapped with another KEK, or under another key's kid", async () => {
    const { kid } = await ensureActiveKey(handle.db, { kek });
    const [row] = await handle.db.select().from(attestationSigningKeys).where(sql`kid = ${kid}`);
    const other = testKek();
    expect(() => unwrapPrivateJwk(other, kid, row.encryptedPrivateKey, row.kekId)).toThrow(/restore the original HINOKI_ATTESTATION_KEK/);
    // Even a KEK whose id was forged to match fails the GCM tag.
    expect(() => unwrapPrivateJwk({ ...other, id: kek.id }, kid, row.encryptedPrivateKey, row.kekId)).toThrow();
    expect(() => unwrapPrivateJwk(kek, "some-other-kid", row.encryptedPrivateKey, row.kekId)).toThrow();
  });

  it("rotates: the new key becomes active, the old one is retired and still published", async () => {
    const before = await ensureActiveKey(handle.db, { kek });
    const { retired, active } = await rotateKey(handle.db, { kek });
    expect(retired?.kid).toBe(before.kid);
    expect(retired?.status).toBe("retired");
    expect(retired?.retiredAt).toBeInstanceOf(Date);
    expect(active.kid).not.toBe(before.kid);
    expect((await activeSigningKey(handle.db, { kek })).kid).toBe(active.kid);

    const jwks = await publicJwks(handle.db);
    expect(jwks.keys.map((k) => k.kid)).toEqual([active.kid, before.kid]);
    for (const k of jwks.keys) expect(Object.keys(k).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
  });
});
