import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { GENERATED_TYPES_PATH, renderSdkTypes } from "./codegen/render-types";

// The SDK's types are generated, and committed so the console and the CLI type-check without a
// generation step. This fails the moment the document (the zod schemas, the operations index)
// and the committed types disagree: a renamed field cannot reach the pages unnoticed.

describe("the SDK's generated types", () => {
  it("are exactly what the current OpenAPI document generates (run `npm run sdk:generate`)", async () => {
    const committed = readFileSync(path.resolve(__dirname, "../..", GENERATED_TYPES_PATH), "utf8");
    const fresh = await renderSdkTypes(buildOpenApiDocument());
    expect(committed === fresh, "lib/sdk/generated/openapi.ts is stale: run `npm run sdk:generate` and commit it").toBe(true);
  });

  it("would notice a change: a field added to the document changes the types", async () => {
    const document = buildOpenApiDocument() as { components: { schemas: { Error: { properties: { error: { properties: Record<string, unknown> } } } } } };
    document.components.schemas.Error.properties.error.properties.retryAfterSeconds = { type: "integer" };
    expect(await renderSdkTypes(document)).toContain("retryAfterSeconds");
  });
});
