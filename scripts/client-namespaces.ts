import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { MESSAGES } from "@/lib/i18n/messages";

// Which message namespaces each layout must send to the browser. A page's HTML carries the
// messages its client components may show; sending the whole catalog made it 90 % of every
// console page's HTML (issue 21). This walks the module graph from each layout and the pages,
// error and not-found files it owns: from the first "use client" module down, every module is
// browser code, and every namespace it names (`useTranslations("clusters.wizard")` → clusters)
// must be in the browser's messages. Dynamic `import()`s count (dialogs loaded on intent still
// need their strings). A layout sends only what its ancestors did not; client navigation keeps
// the layouts above, so a page always has its own and its ancestors' namespaces. `npm run i18n:namespaces` rewrites the table; a test
// fails while it is out of date.

const root = path.resolve(__dirname, "..");
const APP = path.join(root, "app");
const OWNED_FILES = new Set(["page.tsx", "error.tsx", "not-found.tsx", "loading.tsx", "layout.tsx"]);
export const GENERATED_FILE = path.join(root, "lib/i18n/client-namespaces.generated.ts");

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package: its strings are not ours
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null; // CSS, JSON and the like
}

/** Modules a file pulls into its bundle: static imports and re-exports (not `import type`) and `import()`. */
function importsOf(file: string, source: string): string[] {
  const specifiers = new Set<string>();
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)) specifiers.add(m[1]);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.add(m[1]);
  return [...specifiers].map((s) => resolveImport(file, s)).filter((f): f is string => f !== null);
}

const isClientModule = (source: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);

export function namespacesNamedIn(file: string, source: string, known: Set<string>): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/\buseTranslations\(\s*([^)]*)\)/g)) {
    const literal = /^["']([A-Za-z0-9_.]+)["']$/.exec(m[1].trim());
    // A translator without a namespace, or with one computed at run time, could reach any message.
    if (!literal) throw new Error(`${path.relative(root, file)}: useTranslations(${m[1].trim()}) — name the namespace as a string, so the browser's messages can be worked out`);
    const namespace = literal[1].split(".")[0];
    if (!known.has(namespace)) throw new Error(`${path.relative(root, file)}: no message namespace "${namespace}"`);
    found.add(namespace);
  }
  return [...found];
}

/** Every namespace the browser code reachable from `entry` names. */
function clientNamespaces(entry: string, known: Set<string>, cache: Map<string, string>): Set<string> {
  const result = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const key = `${file}|${inClient}`;
    if (seen.has(key)) return;
    seen.add(key);
    let source = cache.get(file);
    if (source === undefined) {
      source = readFileSync(file, "utf8");
      cache.set(file, source);
    }
    const client = inClient || isClientModule(source);
    if (client) for (const ns of namespacesNamedIn(file, source, known)) result.add(ns);
    for (const next of importsOf(file, source)) walk(next, client);
  };
  walk(entry, false);
  return result;
}

function layoutsAndOwnedFiles(): Map<string, string[]> {
  const owned = new Map<string, string[]>();
  const visit = (dir: string, layout: string) => {
    const here = path.join(dir, "layout.tsx");
    const current = existsSync(here) ? here : layout;
    if (current === here) owned.set(here, []);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "api" && dir === APP) continue; // route handlers render no React
        visit(full, current);
      } else if (OWNED_FILES.has(entry.name)) owned.get(current)!.push(full);
    }
  };
  visit(APP, path.join(APP, "layout.tsx"));
  return owned;
}

/** Layout (path from the repository root) → the namespaces it sends, beyond its ancestors'. */
export function computeClientNamespaces(): Record<string, string[]> {
  const known = new Set(Object.keys(MESSAGES.ja));
  const cache = new Map<string, string>();
  const owned = layoutsAndOwnedFiles();
  const needs = new Map<string, Set<string>>();
  for (const [layout, files] of owned) {
    const need = new Set<string>();
    for (const file of files) for (const ns of clientNamespaces(file, known, cache)) need.add(ns);
    needs.set(layout, need);
  }
  const ancestors = (layout: string) => [...owned.keys()].filter((other) => other !== layout && layout.startsWith(path.dirname(other) + path.sep));
  const table: Record<string, string[]> = {};
  for (const layout of [...owned.keys()].sort()) {
    const above = new Set(ancestors(layout).flatMap((a) => [...needs.get(a)!]));
    table[path.relative(root, layout)] = [...needs.get(layout)!].filter((ns) => !above.has(ns)).sort();
  }
  return table;
}

export function renderGeneratedFile(table: Record<string, string[]>): string {
  const lines = Object.entries(table).map(([layout, namespaces]) => `  ${JSON.stringify(layout)}: [${namespaces.map((n) => JSON.stringify(n)).join(", ")}],`);
  return [
    "// Generated by scripts/client-namespaces.ts (`npm run i18n:namespaces`). Do not edit: a test fails",
    "// when this is out of date. Each layout sends the browser these message namespaces, beyond the",
    "// ones its ancestor layouts send.",
    "export const CLIENT_NAMESPACES = {",
    ...lines,
    "} as const satisfies Record<string, readonly string[]>;",
    "",
    "export type LayoutFile = keyof typeof CLIENT_NAMESPACES;",
    "",
  ].join("\n");
}
