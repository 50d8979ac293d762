import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createAttestationTestDb, TEST_ORG_ID, testKek } from "@/lib/attestation/testing";
import { issueAttestation } from "@/lib/attestation/issue-attestation";
import { publicJwks } from "@/lib/attestation/keys";
import { sampleEvidence } from "@/lib/domain/attestation-fixtures";
import { joseRecipeScript } from "./jose-recipe";

// The JOSE-library recipe of the verify page, run as written with Node and the jose package
// against a statement we issued — and refusing the same statement with one byte changed.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");

describe("JOSE recipe on the verify page", () => {
  let handle: DbHandle;
  let dir: string;
  let jws: string;
  const issuer = "https://console.example.jp";

  beforeAll(async () => {
    handle = await createAttestationTestDb();
    const issued = await issueAttestation(handle.db, { evidence: sampleEvidence(), orgId: TEST_ORG_ID }, { kek: testKek(), issuer });
    jws = issued.attestation.jws;
    // Inside the repository, so that `import "jose"` resolves from its node_modules.
    mkdirSync(path.join(ROOT, ".test-data"), { recursive: true });
    dir = mkdtempSync(path.join(ROOT, ".test-data", "jose-recipe-"));
    writeFileSync(path.join(dir, "jwks.json"), JSON.stringify(await publicJwks(handle.db)));
    writeFileSync(path.join(dir, "verify-attestation.mjs"), joseRecipeScript(issuer));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
  });

  it("verifies an issued statement", async () => {
    writeFileSync(path.join(dir, "attestation.jws"), jws + "\n");
    const { stdout } = await run(process.execPath, ["verify-attestation.mjs"], { cwd: dir });
    expect(stdout).toContain("Verified OK affirming hnk-tyo-a1 urn:hinoki:");
  });

  it("fails on a changed byte of the payload", async () => {
    const [h, p, s] = jws.split(".");
    const i = 40;
    writeFileSync(path.join(dir, "attestation.jws"), `${h}.${p.slice(0, i)}${p[i] === "e" ? "f" : "e"}${p.slice(i + 1)}.${s}`);
    await expect(run(process.execPath, ["verify-attestation.mjs"], { cwd: dir })).rejects.toMatchObject({ stderr: expect.stringMatching(/signature verification failed/i) });
  });
});
