import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_KEK_FILE, loadKek } from "./kek";

describe("key-encryption key", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hinoki-kek-"));
    dirs.push(dir);
    return path.join(dir, "data");
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("uses HINOKI_ATTESTATION_KEK when set, and writes nothing", () => {
    const dataDir = tempDir();
    const key = Buffer.alloc(32, 7);
    const kek = loadKek({ env: { HINOKI_ATTESTATION_KEK: key.toString("base64") }, dataDir, warn: () => {} });
    expect(kek.source).toBe("env");
    expect(kek.key.equals(key)).toBe(true);
    expect(kek.id).toMatch(/^[0-9a-f]{16}$/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("refuses a configured KEK that is not 32 bytes rather than falling back to a dev key", () => {
    const env = { HINOKI_ATTESTATION_KEK: Buffer.alloc(16).toString("base64") };
    expect(() => loadKek({ env, dataDir: tempDir() })).toThrow(/exactly 32 bytes/);
  });

  it("without the variable, generates a development KEK once, mode 0600, with a clear warning", () => {
    const dataDir = tempDir();
    const warnings: string[] = [];
    const first = loadKek({ env: {}, dataDir, warn: (m) => warnings.push(m) });
    const file = path.join(dataDir, DEV_KEK_FILE);
    expect(first.source).toBe("dev-file");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toMatch(/HINOKI_ATTESTATION_KEK is not set/);
    expect(warnings[0]).toMatch(/DEVELOPMENT/);

    const second = loadKek({ env: {}, dataDir, warn: (m) => warnings.push(m) });
    expect(second.key.equals(first.key)).toBe(true);
    expect(second.id).toBe(first.id);
    expect(warnings).toHaveLength(2);
  });

  it("with DATABASE_URL (a real deployment) refuses to run without the variable, and generates nothing", () => {
    const dataDir = tempDir();
    const warnings: string[] = [];
    const env = { DATABASE_URL: "postgres://console@db.internal:5432/hinoki" };
    expect(() => loadKek({ env, dataDir, warn: (m) => warnings.push(m) })).toThrow(/DATABASE_URL is set but HINOKI_ATTESTATION_KEK is not.*openssl rand -base64 32/);
    expect(fs.existsSync(path.join(dataDir, DEV_KEK_FILE))).toBe(false);
    const key = Buffer.alloc(32, 9).toString("base64");
    expect(loadKek({ env: { ...env, HINOKI_ATTESTATION_KEK: key }, dataDir }).source).toBe("env");
  });
});
