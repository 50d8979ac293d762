import { z } from "zod";
import { ErrorBody } from "@/lib/domain/common";
import { API_OPERATIONS } from "./operations";
import type { ApiOperation } from "./types";

// The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with
// (zod 4's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses natively).

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(op: ApiOperation): unknown[] {
  const list: unknown[] = [];
  const add = (where: "path" | "query", object: z.ZodObject | undefined) => {
    if (!object) return;
    const json = schemaOf(object, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema });
    }
  };
  add("path", op.params);
  add("query", op.query);
  if (op.idempotent) {
    list.push({ name: "Idempotency-Key", in: "header", required: false, description: "A repeat with the same key and body returns the first result (header Idempotent-Replayed: true; secrets are shown once and replayed as null); a different body is a 422; while the first request is still being worked on, a 409 with Retry-After. A request whose server died is taken over by the retry once its claim lapses (30 s). Keys are kept 24 hours.", schema: { type: "string", maxLength: 255 } });
  }
  if (op.operationKey) {
    list.push({ name: "Idempotency-Key", in: "header", required: false, description: "A repeat with the same key and the same change returns the Operation the first one started (nothing is done twice); the same key with a different change is a 422 (idempotency_key_reused). Kept with the operation.", schema: { type: "string", maxLength: 255 } });
  }
  return list;
}

const ERROR_RESPONSES = {
  400: "Invalid input",
  401: "Not signed in, or the token is invalid, expired or revoked",
  403: "Your role does not allow this",
  404: "Not found — or not yours",
  429: "Rate limited",
};

const BODY_ERROR_RESPONSES = {
  413: "The body is over 1 MiB (by Content-Length, or counted while it arrives)",
  415: "The body is not sent as JSON (Content-Type: application/json)",
};

export function buildOpenApiDocument(serverUrl = "/"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { [r.contentType ?? "application/json"]: { schema: schemaOf(r.schema, "output") } } }
        : { description: r.description };
    }
    for (const [status, description] of Object.entries({ ...ERROR_RESPONSES, ...(op.body ? BODY_ERROR_RESPONSES : {}) })) {
      if (op.auth === "public" && status === "401") continue;
      responses[status] ??= { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === "public" ? [] : undefined,
      parameters: parametersOf(op),
      requestBody: op.body
        ? { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } }
        : op.binaryBody
          ? { required: true, description: op.binaryBody.description, content: { [op.binaryBody.contentType]: { schema: { type: "string", format: "binary" } } } }
          : undefined,
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Hinoki API",
      version: "1.0.0",
      description:
        "The one API of the Hinoki console: the console's own pages and your automation call the same routes. Authenticate with `Authorization: Bearer hk_…` (an API token) or the console's session cookie. Errors: `{ error: { code, message, details?, requestId } }`, message in the Accept-Language (Japanese by default).",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "API token (hk_…), created under Settings → API tokens" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: { Error: schemaOf(ErrorBody, "output") },
    },
  };
}
