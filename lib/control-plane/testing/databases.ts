import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { ulid } from "@/lib/domain/ids";

// A database a test can close and open again — to restart the simulator on the same state, or
// to hand to a separately spawned server. On the engine the run asked for: a PGlite data
// directory in a temporary folder, or a fresh database on TEST_DATABASE_URL's server.

export interface ReopenableDatabase {
  open(): Promise<DbHandle>;
  /** What a spawned control-plane server needs to reach the same database. */
  serverEnv: Record<string, string>;
  destroy(): Promise<void>;
}

export async function reopenableDatabase(): Promise<ReopenableDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hinoki-cp-"));
    return {
      open: () => openDatabase({ dataDir: path.join(dir, "pglite") }),
      serverEnv: { CONTROL_PLANE_DATA_DIR: dir },
      destroy: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `hinoki_cp_test_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openDatabase({ databaseUrl: url.toString() }),
    serverEnv: { CONTROL_PLANE_DATABASE_URL: url.toString() },
    destroy: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
