import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layering of architecture.md is a lint rule: these imports must fail lint where they are
// written, and pass where the architecture allows them.

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.some((m) => m.ruleId === "no-restricted-imports");
}

describe("layering lint", () => {
  it("refuses a component that imports the database or a service", async () => {
    expect(await restricted("components/clusters/example.tsx", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n')).toBe(true);
    expect(await restricted("components/clusters/example.tsx", 'import { createOrg } from "@/lib/services/orgs/create-org";\nexport const x = createOrg;\n')).toBe(true);
  });

  it("keeps lib/domain pure and route handlers thin", async () => {
    expect(await restricted("lib/domain/example.ts", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n')).toBe(true);
    expect(await restricted("app/api/v1/example/route.ts", 'import { orgs } from "@/lib/db/schema";\nexport const x = orgs;\n')).toBe(true);
    expect(await restricted("lib/client/example.ts", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n')).toBe(true);
  });

  it("allows what the architecture allows", async () => {
    expect(await restricted("components/clusters/example.tsx", 'import { formatYen } from "@/lib/i18n/format";\nexport const x = formatYen;\n')).toBe(false);
    expect(await restricted("lib/services/example.ts", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n')).toBe(false);
    expect(await restricted("app/api/v1/example/route.ts", 'import { apiRoute } from "@/lib/api/route";\nexport const x = apiRoute;\n')).toBe(false);
  });
});
