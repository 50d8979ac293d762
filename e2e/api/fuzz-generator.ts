// Hostile requests generated from the OpenAPI document, seeded so that a failure can be replayed.
// Every generated mutation is meant to fail: bodies always carry at least one defect that the
// API must refuse, so the fuzz never creates, changes or deletes anything another journey sees.

import seedrandom from "seedrandom";

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodySchema: JsonSchema | null;
}

export interface FuzzRequest {
  kind: string;
  method: string;
  /** Already percent-encoded as it goes on the wire (broken escapes included on purpose). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send without Content-Length (chunked), to test the byte count while reading. */
  chunked?: boolean;
  operation: string;
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  format?: string;
  default?: unknown;
  $ref?: string;
};


export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const [method, op] of Object.entries<any>(methods)) {
      const parameters: Array<{ name: string; in: string }> = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === "query").map((p) => p.name),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return ops;
}

const b64 = (text: string) => Buffer.from(text).toString("base64url");

// Path values that no route may answer with a 5xx.
const HOSTILE_SEGMENTS = [
  "%E0%A4%A",
  "%E0%A4",
  "%",
  "%zz",
  "%C0%AF",
  "%FF%FE",
  "%00",
  "a%00b",
  "%2e%2e",
  "%2F",
  "%20",
  "%E3%81%82%E3%81%84",
  "%F0%9F%98%80".repeat(30),
  "x".repeat(300),
  "null",
  "-1",
  "1e400",
  "__proto__",
  "cl_01AAAAAAAAAAAAAAAAAAAAAAAA",
  "%27%20OR%201%3D1--",
];

const HOSTILE_QUERY_VALUES = [
  "%00",
  "x%00y",
  "%E0%A4%A",
  "%",
  "1e400",
  "-1",
  "0",
  "99999999999999999999999",
  "NaN",
  "abc",
  "",
  "x".repeat(3000),
  "%FF%FE",
  "2026-13-45",
  "9999-12-31T99:99:99Z",
  "true",
  "[]",
];

const BAD_CURSORS = [
  "!!!",
  "x".repeat(600),
  b64('{"id":1}'),
  b64('{"id":{"nested":true}}'),
  b64('{"id":"\u0000"}'),
  b64('{"createdAt":"garbage","id":"x"}'),
  b64('{"createdAt":99999999999999999,"id":"x"}'),
  b64("[]"),
  b64("null"),
  b64('"str"'),
  b64("{}"),
  b64('{"id":"' + "z".repeat(400) + '"}'),
  "%00",
];

const BAD_IDEMPOTENCY_KEYS = ["", " ", "x".repeat(300), "x".repeat(6000), "\u00e9\u00e8", "a\tb", "../../etc/passwd", "key-" + "9".repeat(40)];

function typesOf(schema: JsonSchema | undefined): Set<string> {
  const types = new Set<string>();
  if (!schema) return types;
  if (schema.type) for (const t of [schema.type].flat()) types.add(t === "integer" ? "number" : t);
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) for (const t of typesOf(alt)) types.add(t);
  if (schema.enum) for (const v of schema.enum) types.add(v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (schema.const !== undefined) types.add(schema.const === null ? "null" : typeof schema.const);
  return types;
}

/** A plausible value for the schema (valid or nearly: it is always spoiled afterwards). */
function example(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return "x";
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return example(alternatives.find((s) => s.type !== "null") ?? alternatives[0], depth + 1);
  if (schema.allOf?.length) return example(schema.allOf[0], depth + 1);
  const type = [schema.type].flat()[0];
  switch (type) {
    case "string":
      if (schema.format === "email") return "fuzz@fuzz.example";
      if (schema.format === "date-time") return "2026-11-01T00:00:00Z";
      if (schema.format === "date") return "2026-11-01";
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, () => example(schema.items, depth + 1));
    case "object":
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = example(prop, depth + 1);
      return out;
    }
  }
}

function deepArray(levels: number): string {
  return "[".repeat(levels) + "]".repeat(levels);
}

function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
}

interface Body {
  kind: string;
  text: string | Buffer;
  contentType?: string | null;
  oversized?: boolean;
}

/** A body that must be refused: every branch spoils it for sure. */
function spoiledBody(schema: JsonSchema, random: () => number): Body {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const base = example(schema) as Record<string, unknown>;
  const properties = Object.entries(schema.properties ?? {});
  const typed = properties.filter(([, prop]) => typesOf(prop).size > 0);
  const required = schema.required ?? [];
  const withExtras = (value: Record<string, unknown>) => (random() < 0.3 ? { ...value, zzUnknown: "extra", constructor: 1, __proto__x: { polluted: true } } : value);
  const kinds = [
    "missing-required",
    "wrong-type",
    "nul-string",
    "nul-key",
    "too-long",
    "huge-number",
    "deep-array",
    "deep-object",
    "array-body",
    "scalar-body",
    "broken-json",
    "invalid-utf8",
    "oversized",
    "wrong-content-type",
  ] as const;
  for (;;) {
    const kind = pick(kinds);
    switch (kind) {
      case "missing-required": {
        if (required.length === 0) continue;
        const value = { ...base };
        delete value[pick(required)];
        return { kind, text: JSON.stringify(withExtras(value)) };
      }
      case "wrong-type": {
        if (typed.length === 0) continue;
        const [key, prop] = pick(typed);
        const allowed = typesOf(prop);
        const candidates: Array<[string, unknown]> = [
          ["number", 123456],
          ["string", "wrong"],
          ["boolean", true],
          ["null", null],
          ["array", [1, "two"]],
          ["object", { nested: 1 }],
        ];
        const wrong = candidates.filter(([t]) => !allowed.has(t) && !(t === "number" && allowed.has("integer")));
        if (wrong.length === 0) continue;
        return { kind, text: JSON.stringify(withExtras({ ...base, [key]: pick(wrong)[1] })) };
      }
      case "nul-string": {
        const key = properties.length > 0 ? pick(properties)[0] : "name";
        return { kind, text: JSON.stringify(withExtras({ ...base, [key]: pick(["\u0000", "a\u0000b", "名前\u0000"]) })) };
      }
      case "nul-key":
        return { kind, text: JSON.stringify({ ...base, ["k\u0000"]: 1 }) };
      case "too-long": {
        const bounded = properties.filter(([, prop]) => typeof prop.maxLength === "number");
        if (bounded.length === 0) continue;
        const [key, prop] = pick(bounded);
        return { kind, text: JSON.stringify(withExtras({ ...base, [key]: "長".repeat(prop.maxLength! + 1) })) };
      }
      case "huge-number": {
        // 1e400 parses to Infinity, which no number schema accepts.
        const key = typed.length > 0 ? pick(typed)[0] : "amount";
        return { kind, text: JSON.stringify({ ...base, [key]: "__HUGE__" }).replace('"__HUGE__"', pick(["1e400", "-1e400"])) };
      }
      case "deep-array":
        return { kind, text: random() < 0.5 ? deepArray(20_000) : JSON.stringify({ ...base, zz: "__DEEP__" }).replace('"__DEEP__"', deepArray(5_000)) };
      case "deep-object":
        return { kind, text: random() < 0.5 ? deepObject(5_000) : JSON.stringify({ ...base, zz: "__DEEP__" }).replace('"__DEEP__"', deepObject(200)) };
      case "array-body":
        return { kind, text: JSON.stringify(pick([[base], [], [[base]]])) };
      case "scalar-body":
        return { kind, text: pick(["123", '"text"', "null", "true", "-0", "1e400"]) };
      case "broken-json":
        return { kind, text: pick(['{"a":', "{not json", "{'single':1}", '{"a":1}}', "\u0000", "{\"a\":1,}", "NaN"]) };
      case "invalid-utf8":
        return { kind, text: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]) };
      case "oversized":
        return { kind, text: JSON.stringify({ ...base, pad: "x".repeat(1024 * 1024 + 1 + Math.floor(random() * 200_000)), zz: "\u0000" }), oversized: true };
      case "wrong-content-type": {
        const spoiled = required.length > 0 ? (({ [required[0]]: _drop, ...rest }) => rest)(base) : { ...base, zz: "\u0000" };
        return { kind, text: JSON.stringify(spoiled), contentType: pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", null, "json"]) };
      }
    }
  }
}

export interface Principals {
  orgSlug: string;
  cookie: string;
  origin: string;
  tokens: string[];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

export function generateRequests(ops: Operation[], principals: Principals, count: number, seed: number): FuzzRequest[] {
  const random = seedrandom(String(seed));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const requests: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const op = ops[i % ops.length];
    const kinds: string[] = [];
    const values: Record<string, string> = {};
    const spoilPath = random() < 0.3;
    const spoiledParam = spoilPath ? pick(op.pathParams.length > 0 ? op.pathParams : ["-"]) : null;
    for (const name of op.pathParams) {
      if (name === spoiledParam) {
        values[name] = pick(HOSTILE_SEGMENTS);
        kinds.push(`path:${values[name].slice(0, 12)}`);
      } else if (name === "org") {
        values[name] = principals.orgSlug;
      } else if (name === "token") {
        values[name] = "fuzz" + Math.floor(random() * 1e12).toString(36).padEnd(12, "0");
      } else {
        values[name] = pick(["cl_", "ep_", "op_", "bud_", "tok_", "usr_", "np_", "qr_", "inv_", "at_"]) + "01FUZZ" + Math.floor(random() * 1e12).toString(36).toUpperCase();
      }
    }
    let path = fill(op.path, values);

    // Query: documented parameters with hostile values, bad cursors, unknown and repeated ones.
    const query: string[] = [];
    if (op.queryParams.length > 0 || random() < 0.2) {
      for (const name of op.queryParams) {
        if (random() < 0.5) continue;
        const value = name === "cursor" ? pick(BAD_CURSORS) : pick(HOSTILE_QUERY_VALUES);
        query.push(`${name}=${value}`);
        kinds.push(name === "cursor" ? "bad-cursor" : "query");
      }
      if (random() < 0.2) query.push(`unknown%00=1`, "limit=1", "limit=2");
    }
    if (query.length > 0) path += `?${query.join("&")}`;

    const headers: Record<string, string> = { "accept-language": random() < 0.5 ? "ja" : "en" };
    // Most requests go through the API edge (tokens: fast); a fifth go through Next (the cookie,
    // anonymous and malformed ones), which costs ten times as much per request.
    const auth = random();
    if (auth < 0.35) {
      headers.authorization = `Bearer ${principals.tokens[0]}`;
      kinds.push("token");
    } else if (auth < 0.55) {
      headers.authorization = `Bearer ${principals.tokens[1]}`;
      kinds.push("token:viewer");
    } else if (auth < 0.65) {
      headers.authorization = `Bearer ${principals.tokens[2] ?? principals.tokens[0]}`;
      kinds.push("token:developer");
    } else if (auth < 0.82) {
      headers.cookie = principals.cookie;
      headers.origin = principals.origin;
      kinds.push("cookie");
    } else if (auth < 0.85) {
      headers.cookie = principals.cookie;
      kinds.push("cookie:no-origin");
    } else if (auth < 0.9) {
      kinds.push("anonymous");
    } else if (auth < 0.97) {
      headers.authorization = `Bearer hk_${"f".repeat(40)}`;
      kinds.push("bogus-token");
    } else {
      headers.authorization = pick(["Bearer", "Basic Zm9vOmJhcg==", "Bearer a b", "bearer\t", "Bearer " + "x".repeat(5000)]);
      kinds.push("malformed-auth");
    }

    let body: Buffer | undefined;
    let chunked = false;
    if (op.method !== "GET" && op.method !== "DELETE") {
      if (op.bodySchema) {
        const spoiled = spoiledBody(op.bodySchema, random);
        kinds.push(`body:${spoiled.kind}`);
        body = Buffer.isBuffer(spoiled.text) ? spoiled.text : Buffer.from(spoiled.text);
        const contentType = spoiled.contentType === undefined ? "application/json" : spoiled.contentType;
        if (contentType !== null) headers["content-type"] = contentType;
        chunked = spoiled.oversized === true && random() < 0.5;
      } else if (random() < 0.3) {
        // A body where none is expected is ignored — it must not break anything either.
        body = Buffer.from(deepArray(1000));
        headers["content-type"] = "application/json";
        kinds.push("body:unexpected");
      }
      if (op.method === "POST" && random() < 0.3) {
        headers["idempotency-key"] = pick(BAD_IDEMPOTENCY_KEYS);
        kinds.push("idempotency-key");
      }
    }
    requests.push({ kind: kinds.join(" "), method: op.method, path, headers, body, chunked, operation: `${op.method} ${op.path}` });
  }
  return requests;
}

/** Console pages with broken escapes or NUL bytes: a 400 or 404 page, never a 500. */
export function hostilePages(orgSlug: string): string[] {
  const pages = [`/${orgSlug}`, `/${orgSlug}/clusters`, `/${orgSlug}/endpoints`, `/${orgSlug}/billing`, `/${orgSlug}/settings/members`, "/staff", "/orgs/new", "/sign-in"];
  return pages.flatMap((page) => HOSTILE_SEGMENTS.slice(0, 10).map((segment) => `${page}/${segment}`)).concat(["/%E0%A4%A", "/%00", "/%E0%A4%A/clusters"]);
}
