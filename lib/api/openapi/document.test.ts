import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

// Every route file under app/api is in the OpenAPI document, and every documented operation has
// a route: the document cannot drift from what the server serves.

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

function servedOperations(): string[] {
  const root = path.resolve(__dirname, "../../../app");
  const ops: string[] = [];
  // The API under app/api, and the attestation keys under app/.well-known (public, documented).
  for (const file of [...routeFiles(path.join(root, "api")), ...routeFiles(path.join(root, ".well-known"))]) {
    if (file.includes("[...nextauth]")) continue; // next-auth's own endpoints are not part of the public API
    const route = "/" + path.relative(root, path.dirname(file)).split(path.sep).join("/").replace(/\[([^\]]+)\]/g, "{$1}");
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) ops.push(`${match[1].toLowerCase()} ${route}`);
  }
  return ops.sort();
}

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents exactly the routes the server serves", () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`))
      .sort();
    expect(documented).toEqual(servedOperations());
  });

  it("describes request bodies with the validation schema, including its limits", () => {
    const body = doc.paths["/api/v1/orgs"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["slug", "legalNameJa", "legalNameEn"]));
    expect(body.properties.slug.maxLength).toBe(40);
    const tokenBody = doc.paths["/api/v1/orgs/{org}/api-tokens"].post.requestBody.content["application/json"].schema;
    expect(tokenBody.properties.role.enum).toEqual(["owner", "admin", "developer", "billing", "viewer"]);
  });

  it("documents the error shape and the Idempotency-Key header on creates", () => {
    const create = doc.paths["/api/v1/orgs/{org}/api-tokens"].post;
    expect(create.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    expect(create.responses["404"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
  });
});
