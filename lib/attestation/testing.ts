import { randomBytes } from "node:crypto";
import type { DbHandle } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema/foundation";
import { createTestDatabase } from "@/lib/db/testing";
import { sampleEvidence } from "@/lib/domain/attestation-fixtures";
import { loadKek, type Kek } from "./kek";

// Shared set-up for the engine's tests: a migrated database with the sample org, and a KEK
// made for the test (never the process one, so tests cannot write a dev key into .data).

export const TEST_ORG_ID = sampleEvidence().tenantId;
export const OTHER_ORG_ID = "org_01JD8Y3Q5W9ZKX7B2M4N6P8ZZZ";

export function testKek(): Kek {
  return loadKek({ env: { HINOKI_ATTESTATION_KEK: randomBytes(32).toString("base64") } });
}

export async function createAttestationTestDb(): Promise<DbHandle> {
  const handle = await createTestDatabase();
  await handle.db.insert(orgs).values([
    { id: TEST_ORG_ID, slug: "kaisha", legalNameJa: "株式会社テスト", legalNameEn: "Test K.K." },
    { id: OTHER_ORG_ID, slug: "other", legalNameJa: "株式会社ほか", legalNameEn: "Other K.K." },
  ]);
  return handle;
}
