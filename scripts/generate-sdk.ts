import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { GENERATED_TYPES_PATH, renderSdkTypes } from "@/lib/sdk/codegen/render-types";

// `npm run sdk:generate`: regenerates the SDK's types from the OpenAPI document the server serves.

void (async () => {
  const target = path.resolve(process.cwd(), GENERATED_TYPES_PATH);
  writeFileSync(target, await renderSdkTypes(buildOpenApiDocument()));
  console.log(`wrote ${GENERATED_TYPES_PATH}`);
})();
