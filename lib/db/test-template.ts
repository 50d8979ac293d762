import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "./client";

// Vitest global setup: migrate one database per run (or reuse one migrated by an earlier run with
// the same migrations), so each test file's fresh database is a copy of it instead of ten
// migrations replayed. On PGlite the copy is a dump of the data directory loaded into a new
// in-memory instance; on PostgreSQL it is CREATE DATABASE … TEMPLATE. The name carries a hash of
// the migrations, so a changed migration can never be served from a stale template.

declare module "vitest" {
  export interface ProvidedContext {
    /** A file holding the dump of a migrated PGlite data directory (PGlite pass). */
    pgliteTemplateFile: string | undefined;
    /** The name of a migrated database on TEST_DATABASE_URL's server (PostgreSQL pass). */
    postgresTemplateDatabase: string | undefined;
  }
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");

function migrationsHash(): string {
  const hash = createHash("sha256");
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return hash.digest("hex").slice(0, 16);
}

async function pgliteTemplateFile(hash: string): Promise<string> {
  const file = path.join(tmpdir(), `hinoki-pglite-template-${hash}.tar`);
  if (existsSync(file)) return file;
  const handle = await openDatabase({});
  const client = (handle.db as unknown as { $client: { dumpDataDir(compression: "none"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  // Written aside and renamed: a second run starting at the same moment never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

async function postgresTemplateDatabase(serverUrl: string, hash: string): Promise<string> {
  const name = `hinoki_template_${hash}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return name;
    // Built under a temporary name and renamed when complete, so a crash never leaves a
    // half-migrated template that later runs would trust.
    const building = `${name}_building_${process.pid}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(serverUrl);
    url.pathname = `/${building}`;
    const handle = await openDatabase({ databaseUrl: url.toString() });
    await handle.close();
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    return name;
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.HINOKI_FLEET_TEST === "1") return; // the fleet tests migrate empty databases themselves
  const hash = migrationsHash();
  const serverUrl = process.env.TEST_DATABASE_URL;
  project.provide("pgliteTemplateFile", serverUrl ? undefined : await pgliteTemplateFile(hash));
  project.provide("postgresTemplateDatabase", serverUrl ? await postgresTemplateDatabase(serverUrl, hash) : undefined);
}
