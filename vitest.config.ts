import { configDefaults, defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import path from "node:path";
import { databaseTestFiles } from "./scripts/database-test-files";

// `*.fleet.test.ts` start several built console processes on one PostgreSQL: they need
// `npm run build` and TEST_DATABASE_URL, so they run only when asked for (HINOKI_FLEET_TEST=1,
// a step of scripts/test-all.sh after the journeys' build), and never in the plain runs.
const fleet = process.env.HINOKI_FLEET_TEST === "1";
// `*.postgres.test.ts` need a PostgreSQL server (several instances on one database): they run in
// the PostgreSQL pass (scripts/with-postgres.sh sets TEST_DATABASE_URL) and are not part of the
// PGlite pass at all, rather than reported there as skipped.
const postgres = Boolean(process.env.TEST_DATABASE_URL);
// `*.built.test.ts` drive the built console as a customer's tools do (the `hinoki` CLI and its
// MCP server as subprocesses): they need `npm run build`, so they run only when asked for
// (HINOKI_BUILT_TEST=1, a step of scripts/test-all.sh after the journeys' build).
const built = process.env.HINOKI_BUILT_TEST === "1";
// The PostgreSQL pass of scripts/test-all.sh (HINOKI_DATABASE_TESTS_ONLY=1) runs only the files
// that touch a database (scripts/database-test-files.ts): the others run the same code on both
// engines, and the PGlite pass has just run them.
const UNIT_FOLDERS = ["lib", "app", "components", "scripts"];
const include = fleet
  ? ["lib/**/*.fleet.test.ts"]
  : built
    ? ["lib/**/*.built.test.ts"]
    : postgres && process.env.HINOKI_DATABASE_TESTS_ONLY === "1"
      ? databaseTestFiles(__dirname, UNIT_FOLDERS)
      : UNIT_FOLDERS.map((folder) => `${folder}/**/*.test.ts`);

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // "server-only" throws outside React's server bundler; tests run server code directly.
      "server-only": path.resolve(__dirname, "scripts/empty-module.js"),
      // next-auth imports these without the extension Node's ESM resolver needs (Next's bundler
      // adds it); spelled out so Auth.js's own handlers can run in a test (session sign-out).
      "next/server": "next/server.js",
      "next/headers": "next/headers.js",
    },
  },
  test: {
    environment: "node",
    include,
    exclude: fleet || built ? configDefaults.exclude : [...configDefaults.exclude, "**/*.fleet.test.ts", "**/*.built.test.ts", ...(postgres ? [] : ["**/*.postgres.test.ts"])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Every core runs test files. Vitest's default keeps one core for its own process (one
    // worker on a two-core machine), but that process only collects results while the files
    // spend their time in PGlite (WebAssembly, in the worker) or waiting on PostgreSQL.
    maxWorkers: Math.max(2, availableParallelism()),
    // Processed by Vite so the aliases above reach next-auth's imports.
    server: { deps: { inline: ["next-auth"] } },
    // Migrates one template database per run; each test file's database is a copy of it.
    globalSetup: ["lib/db/test-template.ts"],
  },
});
