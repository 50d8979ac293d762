import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// The PostgreSQL pass of `npm test` runs the test files that touch a database again on a real
// server. A file touches one only through the database test helpers (lib/db/testing.ts, the
// control plane's lib/control-plane/testing/databases.ts) or by reading TEST_DATABASE_URL
// itself; any other file runs exactly the same code in both passes, so running it twice proves
// nothing more. This follows each test file's imports (static and dynamic, `@/` and relative)
// to decide.

const HELPERS = ["lib/db/testing.ts", "lib/control-plane/testing/databases.ts"];
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g;

function resolveImport(root: string, from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return undefined; // a package: never one of ours
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx"), base.replace(/\.m?js$/, ".ts")];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Whether `file` (absolute) reaches the database test helpers or TEST_DATABASE_URL. */
export function touchesDatabase(root: string, file: string, seen = new Set<string>()): boolean {
  if (HELPERS.some((helper) => path.join(root, helper) === file)) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  if (source.includes("TEST_DATABASE_URL")) return true;
  for (const [, specifier] of source.matchAll(IMPORT)) {
    const imported = resolveImport(root, file, specifier);
    if (imported && touchesDatabase(root, imported, seen)) return true;
  }
  return false;
}

function testFilesUnder(root: string, folder: string): string[] {
  if (!existsSync(path.join(root, folder))) return [];
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFilesUnder(root, relative);
    return entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

// Their own steps of scripts/test-all.sh run them (after the journeys' build).
const OWN_STEP = [".fleet.test.ts", ".built.test.ts"];

/** The `*.test.ts` files under `folders` (relative to `root`) that touch a database. */
export function databaseTestFiles(root: string, folders: string[]): string[] {
  return folders
    .flatMap((folder) => testFilesUnder(root, folder))
    .filter((file) => !OWN_STEP.some((suffix) => file.endsWith(suffix)))
    .filter((file) => touchesDatabase(root, path.join(root, file)));
}
