import type { z } from "zod";

// One documented operation of the public API. Route handlers and these entries share the same
// zod schemas; a test checks that every route file is documented and vice versa.
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, e.g. /api/v1/orgs/{org}/clusters */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth?: "required" | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body that is not JSON (e.g. application/octet-stream): documented as one binary string. */
  binaryBody?: { contentType: string; description: string };
  idempotent?: boolean;
  /** A long-running PATCH or DELETE: the operations engine honours an Idempotency-Key. */
  operationKey?: boolean;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}
