// Bundles the custom server (lib/server/main.ts and the modules it loads) into dist/server.mjs.
// Packages stay external (resolved from node_modules at run time); `server-only` is mapped to
// an empty module because this bundle runs outside React's server bundler.
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

await build({
  entryPoints: [path.join(root, "lib/server/main.ts")],
  // Parallel test runs in one checkout may each build their own bundle.
  outfile: path.resolve(root, process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  packages: "external",
  alias: { "server-only": path.join(root, "scripts/empty-module.js"), "@": root },
  tsconfig: path.join(root, "tsconfig.json"),
  banner: { js: "import { createRequire as __hinokiCreateRequire } from 'node:module'; const require = __hinokiCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
console.log(`built ${process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"}`);
