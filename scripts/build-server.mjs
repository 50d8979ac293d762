// Bundles the custom server (lib/server/main.ts and the modules it loads) into dist/server.mjs.
// Packages stay external (resolved from node_modules at run time); `server-only` is mapped to
// an empty module because this bundle runs outside React's server bundler.
//
// The bundle also carries the /api/v1 route handlers, for the plain-Node path that serves calls
// with a bearer token (lib/server/api-edge.ts): the virtual module `hinoki:api-routes` lists every
// app/api/v1/**/route.ts with its URL path. Those handlers reach Auth.js only for cookie
// sessions, which that path never serves, so `@/lib/auth/next-auth` (it needs Next's request
// context) is replaced here by a module that refuses loudly if it is ever called.
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function routeFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const apiRoutes = {
  name: "hinoki-api-routes",
  setup(b) {
    b.onResolve({ filter: /^hinoki:api-routes$/ }, () => ({ path: "api-routes", namespace: "hinoki" }));
    b.onLoad({ filter: /.*/, namespace: "hinoki" }, () => {
      const files = routeFiles(path.join(root, "app/api/v1")).sort();
      const imports = files.map((file, i) => `import * as route${i} from ${JSON.stringify(file)};`);
      const entries = files.map((file, i) => `{ path: ${JSON.stringify("/" + path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).join("/"))}, module: route${i} }`);
      return { contents: `${imports.join("\n")}\nexport default [${entries.join(",\n")}];\n`, resolveDir: root, loader: "js", watchFiles: files };
    });
    b.onResolve({ filter: /^@\/lib\/auth\/next-auth$/ }, () => ({ path: path.join(root, "lib/server/no-cookie-sessions.ts") }));
  },
};

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
  plugins: [apiRoutes],
  alias: { "server-only": path.join(root, "scripts/empty-module.js"), "@": root },
  tsconfig: path.join(root, "tsconfig.json"),
  banner: { js: "import { createRequire as __hinokiCreateRequire } from 'node:module'; const require = __hinokiCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
console.log(`built ${process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"}`);
