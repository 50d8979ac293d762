import path from "node:path";
import vm from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { issueAttestation } from "./issue-attestation";
import { publicJwks } from "./keys";
import { sampleEvidence } from "@/lib/domain/attestation-fixtures";
import { createAttestationTestDb, TEST_ORG_ID, testKek } from "./testing";
import type { VerifyResult } from "./verify-attestation";

// The verifier must run in the browser. Bundle it as a browser bundle would (esbuild, platform
// "browser": any node: import or server-only module fails the build) and run it in a bare V8
// context that has only what a browser page has — WebCrypto, TextEncoder/Decoder, atob/btoa.

const ROOT = path.resolve(__dirname, "../..");

async function browserBundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, "verify-attestation.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    globalName: "HinokiVerify",
    alias: { "@": ROOT },
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

describe("verifyAttestation in a browser", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createAttestationTestDb();
  });
  afterAll(async () => handle.close());

  it("bundles for the browser without Node modules or zod, and verifies there", async () => {
    const code = await browserBundle();
    expect(code).not.toMatch(/require\(["']node:/);
    expect(code).not.toContain("server-only");
    expect(code).not.toMatch(/\bZodType\b|zod/);

    const kek = testKek();
    const now = new Date("2026-11-22T03:00:00Z");
    const { attestation } = await issueAttestation(handle.db, { evidence: sampleEvidence(), orgId: TEST_ORG_ID }, { kek, now });
    const jwks = await publicJwks(handle.db);

    const context = vm.createContext({
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
      atob,
      btoa,
    });
    vm.runInContext(code, context);
    const verify = (jws: string): Promise<VerifyResult> =>
      vm.runInContext(`HinokiVerify.verifyAttestation(${JSON.stringify(jws)}, ${JSON.stringify(jwks)}, { now: new Date(${now.getTime()}) })`, context);

    expect(await verify(attestation.jws)).toMatchObject({ valid: true, reason: "ok" });
    const tampered = attestation.jws.slice(0, 60) + (attestation.jws[60] === "x" ? "y" : "x") + attestation.jws.slice(61);
    expect((await verify(tampered)).valid).toBe(false);
    expect(vm.runInContext("typeof process + typeof require + typeof Buffer", context)).toBe("undefinedundefinedundefined");
  });
});
