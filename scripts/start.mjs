// `npm start`: one command from a fresh clone to a running console on its embedded defaults.
// Builds when the sources are newer than the last build, keeps a generated session secret in
// the data directory (so sessions survive restarts), then runs the custom server.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(root, process.env.HINOKI_DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });

function persistentSecret(name) {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker) || !existsSync(path.join(root, "dist", "server.mjs"))) return true;
  const built = statSync(marker).mtimeMs;
  const sources = ["app", "components", "lib", "public"].filter((d) => existsSync(path.join(root, d))).map((d) => newestMtime(path.join(root, d)));
  return Math.max(...sources, statSync(path.join(root, "package.json")).mtimeMs) > built;
}

const env = {
  ...process.env,
  AUTH_SECRET: process.env.AUTH_SECRET ?? persistentSecret("auth-secret"),
  AUTH_TRUST_HOST: "true",
  HINOKI_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: dev ? "development" : "production",
};

if (!dev && (process.env.HINOKI_SKIP_BUILD !== "1") && needsBuild()) {
  console.log("Building the console (first start, or sources changed)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (dev) {
  const result = spawnSync("node", ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Node flags of the server (scripts/server-node-flags.json, shared with the e2e server and the
// benchmark): V8 grows the old generation to 1.5× the live heap before a full collection
// instead of its adaptive factor (up to ~4× under load), which kept RSS after a load test
// ~180 MB lower at the same throughput (README, Performance).
const nodeFlags = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8"));
const server = spawn(process.execPath, [...nodeFlags, "--enable-source-maps", "dist/server.mjs", ...(dev ? ["--dev"] : [])], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
