import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDirectory } from "@/lib/db/client";

// The key-encryption key (KEK) that wraps attestation private keys at rest. Production sets
// HINOKI_ATTESTATION_KEK (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), kept in a
// secret store apart from the database: a database dump alone then cannot sign statements.
// Without it, a development KEK is generated once under the data directory so `npm start` works
// on a laptop — with a loud warning, because a key beside the data protects nothing. With
// DATABASE_URL set (a real deployment on PostgreSQL) there is no such fallback: the server
// refuses to start, because a generated key on one instance's disk would sign with keys that
// the other instances, and the next deployment, cannot unwrap.

export const KEK_ENV = "HINOKI_ATTESTATION_KEK";
export const DEV_KEK_FILE = "attestation-kek.dev.b64";

export interface Kek {
  key: Buffer;
  /** A short fingerprint stored beside each wrapped key, so a changed KEK fails with a clear message. */
  id: string;
  source: "env" | "dev-file";
}

function kekFrom(key: Buffer, source: Kek["source"]): Kek {
  const id = createHash("sha256").update("hinoki-attestation-kek-id\0").update(key).digest("hex").slice(0, 16);
  return { key, id, source };
}

function decode(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) {
    // Never fall back to a dev key when a configured one is wrong: that would silently sign
    // with keys nobody can unwrap after the misconfiguration is fixed.
    throw new Error(`${where} must be base64 of exactly 32 bytes (got ${key.length}); generate one with: openssl rand -base64 32`);
  }
  return key;
}

export interface LoadKekOptions {
  env?: Record<string, string | undefined>;
  dataDir?: string;
  warn?: (message: string) => void;
}

export function loadKek(options: LoadKekOptions = {}): Kek {
  const env = options.env ?? process.env;
  const configured = env[KEK_ENV];
  if (configured) return kekFrom(decode(configured, KEK_ENV), "env");
  if (env.DATABASE_URL) {
    throw new Error(
      `DATABASE_URL is set but ${KEK_ENV} is not: a deployment must bring its own key-encryption key for the attestation ` +
        `signing keys, kept in a secret store apart from the database. Generate one with: openssl rand -base64 32`,
    );
  }

  const dir = options.dataDir ?? dataDirectory();
  const file = path.join(dir, DEV_KEK_FILE);
  const warn = options.warn ?? ((m: string) => console.warn(m));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // "wx": create only if absent, so two processes starting together agree on one key.
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    warn(
      `[hinoki] ${KEK_ENV} is not set: generated a DEVELOPMENT key-encryption key at ${file} (mode 0600). ` +
        `Attestation signing keys are encrypted with it. Do not use this in production: set ${KEK_ENV} ` +
        `to base64 of 32 random bytes (openssl rand -base64 32) from a secret store.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    warn(`[hinoki] ${KEK_ENV} is not set: using the DEVELOPMENT key-encryption key at ${file}. Set ${KEK_ENV} in production.`);
  }
  return kekFrom(decode(fs.readFileSync(file, "utf8"), file), "dev-file");
}

const GLOBAL_KEY = Symbol.for("hinoki.attestation.kek");
type GlobalWithKek = typeof globalThis & { [GLOBAL_KEY]?: { env: string | undefined; dataDir: string; kek: Kek } };

/** The process-wide KEK, loaded once (and re-loaded if the environment or data directory changes). */
export function getKek(): Kek {
  const g = globalThis as GlobalWithKek;
  const env = process.env[KEK_ENV];
  const dataDir = dataDirectory();
  const cached = g[GLOBAL_KEY];
  if (cached && cached.env === env && cached.dataDir === dataDir) return cached.kek;
  const kek = loadKek({ dataDir });
  g[GLOBAL_KEY] = { env, dataDir, kek };
  return kek;
}
