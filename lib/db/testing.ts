import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { ulid } from "@/lib/domain/ids";
import { openDatabase, setDbHandle, type DbHandle } from "./client";

// Service tests run on both engines: an in-memory PGlite by default, a fresh database on a
// real PostgreSQL server when TEST_DATABASE_URL points at one (the test script starts it).

/**
 * A new, empty database (no migrations) on TEST_DATABASE_URL's server, for tests that start
 * several console instances on it at once. PostgreSQL only: PGlite serves one process.
 */
export async function createEmptyPostgresDatabase(serverUrl: string, prefix = "hinoki_test", template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The migrated template of this run (lib/db/test-template.ts), read once per test file. */
let pgliteTemplate: Blob | undefined;
function migratedPgliteTemplate(): Blob | undefined {
  const file = inject("pgliteTemplateFile");
  if (file && !pgliteTemplate) pgliteTemplate = new Blob([readFileSync(file)]);
  return pgliteTemplate;
}

/**
 * A fresh, migrated database for one test file: a copy of the run's migrated template (the
 * migrations still run over it, finding nothing left to apply).
 */
export async function createTestDatabase(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteTemplate: migratedPgliteTemplate() });
    setDbHandle(handle);
    return handle;
  }
  const empty = await createEmptyPostgresDatabase(serverUrl, "hinoki_test", inject("postgresTemplateDatabase"));
  const handle = await openDatabase({ databaseUrl: empty.url });
  const close = async () => {
    await handle.close();
    await empty.drop();
  };
  const wrapped: DbHandle = { ...handle, close };
  setDbHandle(wrapped);
  return wrapped;
}

/**
 * One database seen by `instances` console processes: on PostgreSQL a fresh database with one
 * handle (one pool) per instance; on PGlite, which serves one process, the same handle each time.
 */
export async function createSharedTestDatabase(instances: number): Promise<{ handles: DbHandle[]; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteTemplate: migratedPgliteTemplate() });
    setDbHandle(handle);
    return { handles: Array.from({ length: instances }, () => handle), close: () => handle.close() };
  }
  const empty = await createEmptyPostgresDatabase(serverUrl, "hinoki_shared", inject("postgresTemplateDatabase"));
  const handles = await Promise.all(Array.from({ length: instances }, () => openDatabase({ databaseUrl: empty.url })));
  setDbHandle(handles[0]);
  return {
    handles,
    async close() {
      await Promise.all(handles.map((h) => h.close()));
      await empty.drop();
    },
  };
}
