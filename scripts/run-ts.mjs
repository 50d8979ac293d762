#!/usr/bin/env node
// Runs a TypeScript entry point outside Next: `node scripts/run-ts.mjs <entry.ts> [args…]`.
//
// tsx compiles the TypeScript and resolves the `@/…` paths of tsconfig.json. The one thing it
// cannot know is that `server-only` is a marker for React's server bundler: its default export
// throws on purpose. Outside Next nothing is a client bundle, so we map it to an empty module —
// for ES modules through a resolve hook, and for CommonJS (tsx loads our .ts files as CommonJS,
// the package has no "type": "module") by redirecting Node's filename resolution.

import { createRequire, register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <entry.ts> [args…]");
  process.exit(2);
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const emptyModule = path.join(root, "scripts/empty-module.js");

// CommonJS: require("server-only") → the empty module.
const require = createRequire(import.meta.url);
const Module = require("node:module");
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveServerOnly(request, ...args) {
  if (request === "server-only") return emptyModule;
  return originalResolve.call(this, request, ...args);
};

// ES modules: the same mapping as a loader hook (runs in the loader thread, so it is inlined).
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: ${JSON.stringify(pathToFileURL(emptyModule).href)}, format: "commonjs", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { register: registerTsx } = await import("tsx/esm/api");
registerTsx();
// tsx's CommonJS hooks, for .ts files loaded with require (the default for this package).
const { register: registerTsxCjs } = require("tsx/cjs/api");
registerTsxCjs();

// The entry sees its own arguments as if it had been run directly.
const entryPath = path.resolve(entry);
process.argv = [process.argv[0], entryPath, ...rest];
await import(pathToFileURL(entryPath).href);
