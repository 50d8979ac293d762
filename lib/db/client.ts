import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { inProcessLock, postgresLock, withPostgresLock, type ExclusiveSection } from "./fleet-lock";
import { initialisePgliteDataDir } from "./pglite-first-start";
import { withSharedParsers } from "./pglite-shared-parsers";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema";
import { positiveSetting } from "@/lib/server/env-settings";

// One database handle per process, kept on globalThis: Next's bundled route handlers and the
// custom server (which bundles its own copy of this module) must share it, because two PGlite
// instances on one data directory corrupt it. Opened lazily: `next build` imports route modules.

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: services accept both. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  /**
   * Runs `work` while this process holds the fleet-wide lock `name` (lib/db/fleet-lock.ts): on
   * PostgreSQL one instance of all those sharing the database at a time, on PGlite one caller.
   */
  exclusively: ExclusiveSection;
  close(): Promise<void>;
}

/** Migrations and the demo seed: once per start of the fleet, one instance at a time. */
export const STARTUP_LOCK = "startup";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");
const GLOBAL_KEY = Symbol.for("hinoki.db");

type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };

export interface OpenOptions {
  /** PostgreSQL connection string; without it an embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  migrationsFolder?: string;
  /**
   * In-memory PGlite only: start from this dump of an already migrated data directory instead of
   * an empty one. The test suite's template (lib/db/test-template.ts): migrating anew costs
   * several seconds per test file.
   */
  pgliteTemplate?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: positiveSetting("DATABASE_POOL_SIZE", 10) });
    // An idle client whose server connection ends (a restart, or DROP DATABASE … FORCE in tests)
    // emits an error on the pool; without a listener that would crash the process.
    pool.on("error", (error) => console.warn("[db] idle PostgreSQL client error:", error.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // Instances starting together would otherwise all run the same DDL, and all but one die on
    // a duplicate catalog row (pg_type, pg_namespace). The holder migrates on the lock's own
    // connection; the others wait, then find nothing left to apply.
    await withPostgresLock(options.databaseUrl, STARTUP_LOCK, (connection) => migratePg(drizzlePg(connection), { migrationsFolder }));
    return { db, driver: "postgres", exclusively: postgresLock(options.databaseUrl), close: () => pool.end() };
  }
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await initialisePgliteDataDir(options.dataDir);
  }
  const client = options.dataDir
    ? await PGlite.create(options.dataDir)
    : await PGlite.create(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {});
  const db = drizzlePglite(withSharedParsers(client), { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return { db, driver: "pglite", exclusively: inProcessLock(), close: () => client.close() };
}

export function dataDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.HINOKI_DATA_DIR ?? ".data");
}

/** The process-wide database, opened and migrated on first use. */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: process.env.DATABASE_URL ? undefined : path.join(dataDirectory(), "pglite"),
    }).catch((error) => {
      g[GLOBAL_KEY] = undefined;
      throw error;
    });
  }
  return g[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests and scripts install their own database as the process-wide one. */
export function setDbHandle(handle: DbHandle | undefined): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = handle ? Promise.resolve(handle) : undefined;
}
