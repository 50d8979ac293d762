import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { DEFAULT_FLEET } from "@/lib/domain/catalog/fleet";
import { simulatorSettingsFromEnv } from "./env";
import { expandFleet, gpuIndexesOf, gpusOf } from "./fleet";
import { complete, countPromptTokens, generateReply, tokenize } from "./text";
import { createCertificateAuthority } from "./x509";

// The simulator's pure parts: certificates, text, fleet identities, settings.

describe("cluster CA", () => {
  it("is a real self-signed X.509 CA that openssl verifies, also past 2049", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hinoki-ca-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const at of [Date.UTC(2030, 0, 1), Date.UTC(2049, 6, 1)]) {
      const ca = createCertificateAuthority({ clusterId: "cl_TEST", organization: "Hinoki Cloud K.K." }, at);
      const cert = new X509Certificate(ca.certificatePem);
      expect(cert.ca).toBe(true);
      expect(cert.checkIssued(cert)).toBe(true);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.subject.split("\n")).toEqual(["C=JP", "O=Hinoki Cloud K.K.", "OU=cl_TEST", "CN=kubernetes-ca"]);
      expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
      expect(cert.checkPrivateKey(createPrivateKey(ca.privateKeyPem))).toBe(true);
      const file = path.join(dir, `ca-${at}.pem`);
      writeFileSync(file, ca.certificatePem);
      const out = execFileSync("openssl", ["verify", "-attime", String(Math.floor(at / 1000) + 3600), "-CAfile", file, file], { encoding: "utf8" });
      expect(out.trim()).toBe(`${file}: OK`);
    }
  });
});

describe("simulated model text", () => {
  it("tokenizes losslessly, one token per Japanese character", () => {
    const text = "東京リージョンで H100 GPU を 8 枚使います。Hello, world!";
    expect(tokenize(text).join("")).toBe(text);
    expect(tokenize("日本語")).toEqual(["日", "本", "語"]);
    expect(tokenize(" simulator")).toEqual([" simu", "lato", "r"]);
    expect(countPromptTokens([{ role: "user", content: "日本語" }])).toBe(3 + 4 + 3);
  });

  it("answers deterministically, in Japanese to Japanese, without repeating itself", () => {
    const ja = [{ role: "user" as const, content: "料金について教えてください" }];
    expect(generateReply("qwen3-32b", ja)).toBe(generateReply("qwen3-32b", ja));
    expect(generateReply("qwen3-32b", ja)).not.toBe(generateReply("gpt-oss-120b", ja));
    expect(generateReply("qwen3-32b", ja)).toMatch(/^【シミュレーター応答：qwen3-32b】「料金について教えてください」/);
    const sentences = generateReply("qwen3-32b", ja).split("。").filter(Boolean);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(generateReply("qwen3-32b", [{ role: "user", content: "pricing?" }])).toMatch(/^\[Simulated response: qwen3-32b\]/);
    expect(complete("qwen3-32b", ja, 3)).toMatchObject({ finishReason: "length", tokens: ["【", "シ", "ミ"] });
  });
});

describe("fleet", () => {
  it("expands the default fleet into hosts with stable, unique GPU identities", () => {
    const hosts = expandFleet({ entries: DEFAULT_FLEET, scale: 1, cpuNodesPerZone: 32 });
    const gpus = hosts.flatMap(gpusOf);
    // 64+32 H100/H200 and 32 B200 and 128 H200 nodes × 8, 128 L40S, 24 NVL72 racks × 72.
    expect(gpus).toHaveLength((64 + 32 + 32 + 128) * 8 + 128 + 24 * 72);
    expect(new Set(gpus.map((g) => g.ueid)).size).toBe(gpus.length);
    expect(new Set(gpus.map((g) => g.boardSerial)).size).toBe(gpus.length);
    expect(hosts.filter((h) => h.hostShape === "cpu-16")).toHaveLength(5 * 32);
    const trays = hosts.filter((h) => h.rackId === "jp-osaka-1a-nvl72-001");
    expect(trays.map((t) => t.rackSlot)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(gpusOf(hosts[0])).toEqual(gpusOf({ ...hosts[0] })); // deterministic
    expect(gpusOf(hosts.find((h) => h.hostShape === "l40s-1x")!)[0].ccMode).toBe("off");
  });

  it("maps slots to GPUs: an h100-1x slice holds one GPU, a whole host all of them", () => {
    expect(gpuIndexesOf(0b100, 8, 8)).toEqual([2]);
    expect(gpuIndexesOf(0xff, 8, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gpuIndexesOf(1, 4, 1)).toEqual([0, 1, 2, 3]);
  });
});

describe("settings from the environment", () => {
  it("reads speed, failures and intervals", () => {
    expect(simulatorSettingsFromEnv({ HINOKI_SIM_SPEED: "instant" }).timing.speed).toBe(Infinity);
    expect(simulatorSettingsFromEnv({ HINOKI_SIM_SPEED: "10", HINOKI_SIM_FAIL_RATE: "0.25", HINOKI_SIM_FAIL: "a, b" })).toMatchObject({
      timing: { speed: 10 },
      failures: { rate: 0.25, targets: ["a", "b"] },
    });
    expect(simulatorSettingsFromEnv({ HINOKI_SIM_METERING_INTERVAL_SECONDS: "30" }).meteringIntervalSeconds).toBe(30);
    expect(() => simulatorSettingsFromEnv({ HINOKI_SIM_SPEED: "fast" })).toThrow(/HINOKI_SIM_SPEED/);
  });
});
