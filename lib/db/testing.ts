import pg from "pg";
import { ulid } from "@/lib/domain/ids";
import { openDatabase, setDbHandle, type DbHandle } from "./client";

// Service tests run on both engines: an in-memory PGlite by default, a fresh database on a
// real PostgreSQL server when TEST_DATABASE_URL points at one (the test script starts it).

/**
 * A new, empty database (no migrations) on TEST_DATABASE_URL's server, for tests that start
 * several console instances on it at once. PostgreSQL only: PGlite serves one process.
 */
export async function createEmptyPostgresDatabase(serverUrl: string, prefix = "hinoki_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
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

export async function createTestDatabase(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({});
    setDbHandle(handle);
    return handle;
  }
  const empty = await createEmptyPostgresDatabase(serverUrl);
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
    const handle = await openDatabase({});
    setDbHandle(handle);
    return { handles: Array.from({ length: instances }, () => handle), close: () => handle.close() };
  }
  const empty = await createEmptyPostgresDatabase(serverUrl, "hinoki_shared");
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
