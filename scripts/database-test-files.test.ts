import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTestFiles } from "./database-test-files";

// The PostgreSQL pass runs exactly these files again: a database-touching file left out of it
// would be proven on PGlite only.
describe("the files the PostgreSQL pass runs again", () => {
  const root = path.resolve(__dirname, "..");
  const files = databaseTestFiles(root, ["lib", "app", "components", "scripts"]);

  it("includes files that create a test database directly, through a helper, or read TEST_DATABASE_URL", () => {
    expect(files).toContain("lib/services/cost-centers/cost-centers.test.ts"); // createTestDatabase
    expect(files).toContain("lib/services/batches/batches.test.ts"); // through lib/services/testing/gateway-harness.ts
    expect(files).toContain("lib/db/move-endpoint-operations.test.ts"); // TEST_DATABASE_URL itself
    expect(files).toContain("lib/db/concurrent-start.postgres.test.ts");
  });

  it("leaves out pure unit tests, which run the same code on both engines", () => {
    expect(files).not.toContain("lib/domain/billing/tax.test.ts");
    expect(files).not.toContain("lib/i18n/format.test.ts");
    expect(files).not.toContain("lib/api/pagination.test.ts");
  });

  it("never includes the fleet or built-console tests, which have their own steps", () => {
    expect(files.filter((file) => file.endsWith(".fleet.test.ts") || file.endsWith(".built.test.ts"))).toEqual([]);
  });
});
