import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type DbHandle } from "@/lib/db/client";

/** A file-backed PGlite in a scratch directory: how the embedded console runs (HINOKI_DATA_DIR). */
export async function scratchPglite(): Promise<DbHandle> {
  const dir = mkdtempSync(path.join(tmpdir(), "hinoki-bench-"));
  const handle = await openDatabase({ dataDir: dir });
  return { ...handle, close: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
}
