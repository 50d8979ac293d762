import { execFileSync, spawnSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { sampleEvidence } from "@/lib/domain/attestation-fixtures";
import { issueAttestation } from "./issue-attestation";
import { publicJwks, type PublicSigningJwk } from "./keys";
import { opensslRecipeScript } from "./openssl-recipe";
import { createAttestationTestDb, TEST_ORG_ID, testKek } from "./testing";

// Verification with the real openssl CLI, independent of our verifier: a customer who trusts
// none of our code must reach the same answer. Two ways: (1) the published recipe text, run
// verbatim by sh; (2) key and signature converted by a few lines here (node's own JWK import,
// a hand-written DER encoder), with openssl doing the actual verification.

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "hinoki-openssl-"));
}

function runRecipe(jws: string, jwks: unknown): { status: number | null; output: string } {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, "attestation.jws"), jws + "\n");
    fs.writeFileSync(path.join(dir, "jwks.json"), JSON.stringify(jwks));
    const r = spawnSync("sh", ["-c", opensslRecipeScript()], { cwd: dir, encoding: "utf8" });
    return { status: r.status, output: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** DER INTEGER of an unsigned big-endian value: minimal length, a 0x00 in front if the high bit is set. */
function derInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = Buffer.from(bytes.subarray(i));
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02, v.length]), v]);
}

function derSignature(rs: Buffer): Buffer {
  const body = Buffer.concat([derInteger(rs.subarray(0, 32)), derInteger(rs.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** openssl dgst -verify on HEADER.PAYLOAD with PEM and DER made here; openssl decides. */
function opensslVerify(jwk: PublicSigningJwk, signingInput: string, signature: Buffer): { status: number | null; output: string } {
  const dir = tempDir();
  try {
    const pem = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: "jwk" }).export({ type: "spki", format: "pem" });
    fs.writeFileSync(path.join(dir, "key.pem"), pem);
    fs.writeFileSync(path.join(dir, "sig.der"), derSignature(signature));
    fs.writeFileSync(path.join(dir, "input.txt"), signingInput, "ascii");
    const r = spawnSync("openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "sig.der", "input.txt"], { cwd: dir, encoding: "utf8" });
    return { status: r.status, output: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

describe("verification with the openssl CLI", () => {
  let handle: DbHandle;
  let jws: string;
  let jwks: { keys: PublicSigningJwk[] };
  const kek = testKek();

  beforeAll(async () => {
    expect(execFileSync("openssl", ["version"], { encoding: "utf8" })).toMatch(/OpenSSL 3/);
    handle = await createAttestationTestDb();
    jws = (await issueAttestation(handle.db, { evidence: sampleEvidence(), orgId: TEST_ORG_ID }, { kek })).attestation.jws;
    jwks = await publicJwks(handle.db);
  });
  afterAll(async () => handle.close());

  it("the published recipe, run as written, says Verified OK for a genuine statement", () => {
    const r = runRecipe(jws, jwks);
    expect(r.output).toContain("Verified OK");
    expect(r.output).toContain('"country": "JP"');
    expect(r.output).not.toContain("EXPIRED");
    expect(r.status).toBe(0);
  });

  it("the recipe fails on a changed payload or signature character, and refuses a non-ES256 header", () => {
    const [h, p, s] = jws.split(".");
    for (const tampered of [`${h}.${flip(p, 40)}.${s}`, `${h}.${flip(p, p.length - 3)}.${s}`, `${h}.${p}.${flip(s, 10)}`, `${h}.${p}.${flip(s, s.length - 1)}`]) {
      const r = runRecipe(tampered, jwks);
      expect(r.status).not.toBe(0);
      expect(r.output).not.toContain("Verified OK");
    }
    expect(runRecipe(`${h}.${flip(p, 40)}.${s}`, jwks).output).toContain("Verification failure");
    // Same decoded bytes, different text: only the spare bits of the last character differ.
    const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const spareBitTwin = s.slice(0, -1) + B64URL[B64URL.indexOf(s[s.length - 1]) ^ 1];
    expect(Buffer.from(spareBitTwin, "base64url").equals(Buffer.from(s, "base64url"))).toBe(true);
    expect(runRecipe(`${h}.${p}.${spareBitTwin}`, jwks).output).toContain("signature is not canonical base64url");
    const hs256 = Buffer.from(JSON.stringify({ alg: "HS256", typ: "eat+jwt", kid: jwks.keys[0].kid })).toString("base64url");
    expect(runRecipe(`${hs256}.${p}.${s}`, jwks).output).toContain("not ES256: refuse");
  });

  it("openssl alone, with key and signature converted independently, verifies and rejects tampering", () => {
    const [h, p, s] = jws.split(".");
    const kid = JSON.parse(Buffer.from(h, "base64url").toString("utf8")).kid as string;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    const signature = Buffer.from(s, "base64url");
    expect(signature).toHaveLength(64);

    const genuine = opensslVerify(jwk, `${h}.${p}`, signature);
    expect(genuine.output).toContain("Verified OK");
    expect(genuine.status).toBe(0);

    const headerBytes = Buffer.from(h, "base64url");
    headerBytes[10] ^= 0x01;
    const payloadBytes = Buffer.from(p, "base64url");
    payloadBytes[payloadBytes.length >> 1] ^= 0x01;
    const badSignature = Buffer.from(signature);
    badSignature[63] ^= 0x01;
    for (const [input, sig] of [
      [`${headerBytes.toString("base64url")}.${p}`, signature],
      [`${h}.${payloadBytes.toString("base64url")}`, signature],
      [`${h}.${p}`, badSignature],
    ] as const) {
      const r = opensslVerify(jwk, input, sig);
      expect(r.output).toContain("Verification failure");
      expect(r.status).toBe(1);
    }
  });
});
