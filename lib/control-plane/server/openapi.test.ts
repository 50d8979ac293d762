import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the control plane's OpenAPI document", () => {
  it("is OpenAPI 3.1 with every reference resolved to a schema generated from zod", () => {
    const doc = openApiDocument() as { openapi: string; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> }; paths: object };
    expect(doc.openapi).toBe("3.1.0");
    const refs = [...JSON.stringify(doc.paths).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
    const clusterSpec = doc.components.schemas.ClusterSpec;
    expect(clusterSpec.required).toEqual(expect.arrayContaining(["tenantId", "clusterId", "zoneId", "nodePools"]));
    expect(clusterSpec.required).not.toContain("network"); // has a default: optional on input
    expect(Object.keys(doc.components.schemas.Operation.properties!)).toEqual(
      expect.arrayContaining(["id", "kind", "target", "status", "progress", "steps", "startedAt", "finishedAt"]),
    );
  });
});
