import { spawn } from "node:child_process";

// A new PGlite data directory is made by running initdb inside WASM. That leaves a few hundred
// MB of garbage (initdb's own WASM memory and the data directory's tarball) which V8 does not
// collect for a long time, because the JS heap itself stays small: a server that created its
// data directory idled at ~950 MB RSS, one that reopened it at ~480 MB. So the directory is
// created by a short-lived child process and the server only ever opens an existing one.

const CREATE_AND_CLOSE = `
import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.argv[1]);
await db.close();
`;

export function initialisePgliteDataDir(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // cwd is the app's root, where node_modules resolves @electric-sql/pglite.
    const child = spawn(process.execPath, ["--input-type=module", "-e", CREATE_AND_CLOSE, dataDir], { cwd: process.cwd(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`creating the PGlite data directory failed (exit ${code}): ${stderr.slice(-2000)}`))));
  });
}
