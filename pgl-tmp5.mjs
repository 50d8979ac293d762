import { PGlite } from "@electric-sql/pglite";
import { readFileSync } from "node:fs";
const buf = readFileSync(process.argv[2]);
const src = { type: "application/x-tar", arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) };
const c = await PGlite.create({ loadDataDir: src });
await c.query("select 1");
await c.close();
