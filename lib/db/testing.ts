import pg from "pg";
import { ulid } from "@/lib/domain/ids";
import { openDatabase, setDbHandle, type DbHandle } from "./client";

// Service tests run on both engines: an in-memory PGlite by default, a fresh database on a
// real PostgreSQL server when TEST_DATABASE_URL points at one (the test script starts it).

export async function createTestDatabase(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({});
    setDbHandle(handle);
    return handle;
  }
  const name = `hinoki_test_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  const close = async () => {
    await handle.close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  const wrapped: DbHandle = { ...handle, close };
  setDbHandle(wrapped);
  return wrapped;
}
