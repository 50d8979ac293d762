#!/usr/bin/env node
// `npx hinoki` from a checkout (the `bin` of this package): runs the TypeScript CLI in lib/cli
// through the same TypeScript runner as the other scripts (tsx, with the @/ paths).
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.argv.splice(2, 0, path.join(root, "lib/cli/main.ts"));
await import(path.join(root, "scripts/run-ts.mjs"));
