import { base64url } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { sampleEvidence, sampleGpu, sampleNode } from "@/lib/domain/attestation-fixtures";
import { hasPrefix } from "@/lib/domain/ids";
import { getAttestation, latestAttestation } from "./find-attestations";
import { issueAttestation } from "./issue-attestation";
import { publicJwks, rotateKey } from "./keys";
import { createAttestationTestDb, OTHER_ORG_ID, TEST_ORG_ID, testKek } from "./testing";
import { verifyAttestation } from "./verify-attestation";

const NOW = new Date("2026-11-22T03:00:00.456Z");

describe("issuing residency attestations", () => {
  let handle: DbHandle;
  const kek = testKek();
  const issue = (overrides: { nonce?: string; now?: Date; evidence?: ReturnType<typeof sampleEvidence> } = {}) =>
    issueAttestation(
      handle.db,
      { evidence: overrides.evidence ?? sampleEvidence(), orgId: TEST_ORG_ID, nonce: overrides.nonce },
      { kek, now: overrides.now ?? NOW, issuer: "https://console.hinoki.test" },
    );

  beforeAll(async () => {
    handle = await createAttestationTestDb();
  });
  afterAll(async () => handle.close());

  it("signs an ES256 eat+jwt that verifies with the published JWKS", async () => {
    const { attestation, claims } = await issue();
    const [h] = attestation.jws.split(".");
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(h)))).toEqual({ alg: "ES256", typ: "eat+jwt", kid: attestation.kid });

    const result = await verifyAttestation(attestation.jws, await publicJwks(handle.db), { now: NOW });
    expect(result).toMatchObject({ valid: true, reason: "ok" });
    expect(result.claims).toEqual(claims);
  });

  it("states what domain.md asks for: resource, org, 24 h lifetime, place, operator, hardware, appraisal", async () => {
    const { attestation, claims } = await issue();
    const evidence = sampleEvidence();
    expect(hasPrefix(attestation.id, "attestation")).toBe(true);
    expect(claims.jti).toBe(attestation.id);
    expect(claims.sub).toBe(`urn:hinoki:${TEST_ORG_ID}:cluster:${evidence.resourceId}`);
    expect(claims.aud).toBe(TEST_ORG_ID);
    expect(claims.iss).toBe("https://console.hinoki.test");
    expect(claims.iat).toBe(Math.floor(NOW.getTime() / 1000));
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp - claims.iat).toBe(24 * 60 * 60);
    expect(claims.eat_nonce).toBeUndefined();
    expect(claims.residency).toEqual({
      country: "JP",
      region: "jp-tokyo-1",
      zone: "jp-tokyo-1a",
      facility: { id: "hnk-tyo-a1", prefecture: "東京都", iso3166_2: "JP-13" },
      data_planes: { etcd: ["hnk-tyo-a1"], volumes: ["hnk-tyo-a1"], backups: ["hnk-tyo-b1"], logs: ["hnk-tyo-a1"] },
    });
    expect(claims.operator).toEqual({
      legal_name: "Hinoki Cloud株式会社",
      corporate_number: "9010401123456",
      invoice_reg_no: "T9010401123456",
      ops_personnel_country: "JP",
    });
    expect(claims.hardware.nodes).toHaveLength(2);
    expect(claims.hardware.nodes[0].gpus[0]).toEqual({
      model: "H100",
      ueid: evidence.nodes[0].gpus[0].ueid,
      board_serial: evidence.nodes[0].gpus[0].boardSerial,
      vbios: "96.00.9F.00.04",
      driver: "570.124.06",
      cc_mode: "on",
      nras_result: "pass",
    });
    expect(claims.measurements[0]).toEqual({ component: "nvidia-driver", version: "570.124.06", digest: "a".repeat(64) });
    expect(claims.appraisal).toEqual({ status: "affirming", policy_id: "hinoki-residency-v1", reasons: [] });
    expect(attestation).toMatchObject({
      orgId: TEST_ORG_ID,
      resourceId: evidence.resourceId,
      resourceKind: "cluster",
      status: "affirming",
      facility: { id: "hnk-tyo-a1", prefecture: "東京都", iso3166_2: "JP-13" },
      issuedAt: "2026-11-22T03:00:00.000Z",
      expiresAt: "2026-11-23T03:00:00.000Z",
      nonce: null,
      nodeSetDigest: evidence.nodeSetDigest,
    });
  });

  it("signs the appraisal it made: a failed NRAS is signed as contraindicated", async () => {
    const node = sampleNode(1);
    node.gpus[2] = sampleGpu(1, 2, { nrasResult: "fail" });
    const { attestation, claims } = await issue({ evidence: sampleEvidence({ nodes: [node] }) });
    expect(attestation.status).toBe("contraindicated");
    expect(claims.appraisal.reasons).toEqual([{ code: "nras_failed", subject: `${node.nodeId}/${node.gpus[2].ueid}` }]);
  });

  it("fails when any single byte of header, payload or signature is changed", async () => {
    const { attestation } = await issue();
    const jwks = await publicJwks(handle.db);
    const jws = attestation.jws;
    const parts = jws.split(".");
    const reasons = new Set<string>();

    // Every byte of each decoded part, flipped, re-encoded.
    for (let p = 0; p < 3; p++) {
      const bytes = base64url.decode(parts[p]);
      const step = p === 1 ? 7 : 1; // the payload is long; every 7th byte still covers every JSON region
      for (let i = 0; i < bytes.length; i += step) {
        const tampered = bytes.slice();
        tampered[i] ^= 0x01;
        const copy = [...parts];
        copy[p] = base64url.encode(tampered);
        const r = await verifyAttestation(copy.join("."), jwks, { now: NOW });
        expect(r.valid, `part ${p} byte ${i}`).toBe(false);
        reasons.add(r.reason);
      }
    }
    // Every character of the compact text, replaced by another base64url character.
    for (let i = 0; i < jws.length; i++) {
      if (jws[i] === ".") continue;
      const replacement = jws[i] === "A" ? "B" : "A";
      const r = await verifyAttestation(jws.slice(0, i) + replacement + jws.slice(i + 1), jwks, { now: NOW });
      expect(r.valid, `character ${i}`).toBe(false);
      expect(r.claims, `character ${i}`).toBeUndefined();
    }
    // The signature's last character carries 4 bits that decoders ignore: every other value of
    // it must fail too, or "one changed byte" could pass as the same signature.
    const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const c of B64URL) {
      if (c === jws[jws.length - 1]) continue;
      const r = await verifyAttestation(jws.slice(0, -1) + c, jwks, { now: NOW });
      expect(r.valid, `last character ${c}`).toBe(false);
    }
    expect(reasons.has("bad_signature")).toBe(true);
    expect(await verifyAttestation(jws, jwks, { now: NOW })).toMatchObject({ valid: true });
  });

  it("keeps verifying old statements after rotation, and signs new ones with the new kid", async () => {
    const old = (await issue()).attestation;
    const { active, retired } = await rotateKey(handle.db, { kek });
    expect(retired?.kid).toBe(old.kid);
    const fresh = (await issue()).attestation;
    expect(fresh.kid).toBe(active.kid);
    expect(fresh.kid).not.toBe(old.kid);

    const jwks = await publicJwks(handle.db);
    expect(await verifyAttestation(old.jws, jwks, { now: NOW })).toMatchObject({ valid: true, reason: "ok" });
    expect(await verifyAttestation(fresh.jws, jwks, { now: NOW })).toMatchObject({ valid: true, reason: "ok" });
    // A JWKS that lost the retired key can no longer vouch for the old statement.
    const onlyNew = { keys: jwks.keys.filter((k) => k.kid === active.kid) };
    expect(await verifyAttestation(old.jws, onlyNew, { now: NOW })).toMatchObject({ valid: false, reason: "unknown_key" });
  });

  it("reports an expired statement as expired, with its (genuine) claims", async () => {
    const twoDaysAgo = new Date(NOW.getTime() - 48 * 3600 * 1000);
    const { attestation } = await issue({ now: twoDaysAgo });
    const jwks = await publicJwks(handle.db);
    const r = await verifyAttestation(attestation.jws, jwks, { now: NOW });
    expect(r).toMatchObject({ valid: false, reason: "expired" });
    expect(r.claims?.jti).toBe(attestation.id);
    // Valid at its own time, and not yet valid before it.
    expect((await verifyAttestation(attestation.jws, jwks, { now: twoDaysAgo })).valid).toBe(true);
    const before = new Date(twoDaysAgo.getTime() - 3600 * 1000);
    expect((await verifyAttestation(attestation.jws, jwks, { now: before })).reason).toBe("not_yet_valid");
  });

  it("echoes a customer's nonce and lets the customer insist on it", async () => {
    const { attestation, claims } = await issue({ nonce: "n0nce-from-customer_42" });
    expect(claims.eat_nonce).toBe("n0nce-from-customer_42");
    expect(attestation.nonce).toBe("n0nce-from-customer_42");
    const jwks = await publicJwks(handle.db);
    expect((await verifyAttestation(attestation.jws, jwks, { now: NOW, expectedNonce: "n0nce-from-customer_42" })).valid).toBe(true);
    expect((await verifyAttestation(attestation.jws, jwks, { now: NOW, expectedNonce: "another-nonce" })).reason).toBe("nonce_mismatch");
    await expect(issue({ nonce: "short" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("refuses other algorithms and keys it does not know, whatever the header says", async () => {
    const { attestation } = await issue();
    const jwks = await publicJwks(handle.db);
    const [, payload, signature] = attestation.jws.split(".");
    const header = (h: object) => base64url.encode(JSON.stringify(h));
    const kid = attestation.kid;
    for (const alg of ["HS256", "none", "ES384", "RS256", "EdDSA"]) {
      const r = await verifyAttestation(`${header({ alg, typ: "eat+jwt", kid })}.${payload}.${signature}`, jwks, { now: NOW });
      expect(r).toMatchObject({ valid: false, reason: "wrong_alg" });
    }
    const unknown = await verifyAttestation(`${header({ alg: "ES256", typ: "eat+jwt", kid: "not-ours" })}.${payload}.${signature}`, jwks, { now: NOW });
    expect(unknown).toMatchObject({ valid: false, reason: "unknown_key" });
    for (const junk of ["", "a.b", "a.b.c.d", attestation.jws + " ", `!!.${payload}.${signature}`]) {
      expect(await verifyAttestation(junk, jwks, { now: NOW })).toMatchObject({ valid: false, reason: "malformed" });
    }
    expect(await verifyAttestation(attestation.jws, { keys: [] }, { now: NOW })).toMatchObject({ valid: false, reason: "unknown_key" });
  });

  it("keeps every statement and reads them only within their org", async () => {
    const a = (await issue()).attestation;
    const b = (await issue({ now: new Date(NOW.getTime() + 1000) })).attestation;
    expect(a.id).not.toBe(b.id);
    expect((await getAttestation(handle.db, TEST_ORG_ID, a.id))?.attestation.jws).toBe(a.jws);
    expect(await getAttestation(handle.db, OTHER_ORG_ID, a.id)).toBeUndefined();
    expect((await latestAttestation(handle.db, TEST_ORG_ID, sampleEvidence().resourceId))?.id).toBe(b.id);
    expect(await latestAttestation(handle.db, OTHER_ORG_ID, sampleEvidence().resourceId)).toBeUndefined();
  });

  it("refuses evidence of another org's resource, and a zone it cannot name", async () => {
    await expect(
      issueAttestation(handle.db, { evidence: sampleEvidence(), orgId: OTHER_ORG_ID }, { kek, now: NOW }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(issue({ evidence: sampleEvidence({ zoneId: "jp-osaka-1a" }) })).rejects.toMatchObject({ code: "business_rule" });
  });
});
