import { describe, expect, it } from "vitest";
import { modelArchitecture, MODELS } from "../catalog";
import { checkLoraTensors, loraTensorShapes } from "./lora-shapes";
import { buildSafetensors, parseSafetensorsHeader, safetensorsHeaderLength, SafetensorsFormatError } from "./safetensors";

function parse(file: Uint8Array) {
  const length = safetensorsHeaderLength(file.subarray(0, 8), file.byteLength);
  return parseSafetensorsHeader(file.subarray(8, 8 + length), file.byteLength);
}

function headerFile(header: unknown, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  return out;
}

describe("safetensors header", () => {
  it("reads the tensors, dtypes, shapes and metadata a file holds", () => {
    const file = buildSafetensors([{ name: "a", shape: [2, 3] }, { name: "b", shape: [4], dtype: "F32" }], { format: "pt" });
    const { tensors, metadata } = parse(file);
    expect(metadata).toEqual({ format: "pt" });
    expect(tensors).toEqual([
      { name: "a", dtype: "BF16", shape: [2, 3], dataOffsets: [0, 12] },
      { name: "b", dtype: "F32", shape: [4], dataOffsets: [12, 28] },
    ]);
  });

  it.each([
    ["a file shorter than its length prefix", new Uint8Array(4)],
    ["a header length past the end", (() => { const f = new Uint8Array(16); new DataView(f.buffer).setBigUint64(0, 1000n, true); return f; })()],
    ["a header that is not JSON", (() => { const f = new Uint8Array(8 + 5); new DataView(f.buffer).setBigUint64(0, 5n, true); f.set(new TextEncoder().encode("hello"), 8); return f; })()],
    ["a byte range that does not hold dtype × shape", headerFile({ a: { dtype: "F16", shape: [2, 2], data_offsets: [0, 6] } }, 6)],
    ["an unknown dtype", headerFile({ a: { dtype: "Q4", shape: [2], data_offsets: [0, 2] } }, 2)],
    ["a tensor past the end of the file", headerFile({ a: { dtype: "U8", shape: [8], data_offsets: [0, 8] } }, 4)],
    ["overlapping tensors", headerFile({ a: { dtype: "U8", shape: [4], data_offsets: [0, 4] }, b: { dtype: "U8", shape: [4], data_offsets: [2, 6] } }, 6)],
    ["bytes no tensor describes", headerFile({ a: { dtype: "U8", shape: [4], data_offsets: [0, 4] } }, 10)],
    ["no tensors at all", headerFile({ __metadata__: { format: "pt" } }, 0)],
    ["a JSON array header", headerFile([1, 2], 0)],
  ])("refuses %s", (_what, file) => {
    expect(() => parse(file)).toThrow(SafetensorsFormatError);
  });
});

describe("LoRA tensors against the base model", () => {
  const arch = modelArchitecture("llama-3.1-swallow-8b-instruct")!;

  it("knows the dimensions of every catalog model", () => {
    for (const m of MODELS) expect(modelArchitecture(m.id), m.id).toBeDefined();
  });

  it("accepts a PEFT adapter of the base model and rank, and says which modules it changes", () => {
    const check = checkLoraTensors(parse(buildSafetensors(loraTensorShapes(arch, 16, ["q_proj", "v_proj", "down_proj"], 4))).tensors, arch, 16);
    expect(check).toEqual({ ok: true, targetModules: ["q_proj", "v_proj", "down_proj"], layers: 4 });
  });

  it("refuses an adapter trained for another base model, naming the tensor and both shapes", () => {
    const other = modelArchitecture("llm-jp-3-13b-instruct")!;
    const check = checkLoraTensors(loraTensorShapes(other, 16, ["q_proj"], 1).map((t) => ({ ...t, dtype: "BF16", dataOffsets: [0, 0] as [number, number] })), arch, 16);
    expect(check).toEqual({ ok: false, mismatch: { reason: "shape_mismatch", tensor: "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", expected: [16, 4096], actual: [16, 5120] } });
  });

  it("refuses another rank, a layer the model lacks, an unpaired half, a foreign tensor and MLP modules on a mixture of experts", () => {
    const tensors = (shapes: { name: string; shape: number[] }[]) => shapes.map((t) => ({ ...t, dtype: "BF16", dataOffsets: [0, 0] as [number, number] }));
    expect(checkLoraTensors(tensors(loraTensorShapes(arch, 8, ["q_proj"], 1)), arch, 16)).toMatchObject({ ok: false, mismatch: { reason: "shape_mismatch" } });
    expect(checkLoraTensors(tensors(loraTensorShapes(arch, 16, ["q_proj"], 33)), arch, 16)).toMatchObject({ ok: false, mismatch: { reason: "layer_out_of_range", actual: "32" } });
    expect(checkLoraTensors(tensors(loraTensorShapes(arch, 16, ["q_proj"], 1).slice(0, 1)), arch, 16)).toMatchObject({ ok: false, mismatch: { reason: "unpaired" } });
    expect(checkLoraTensors(tensors([{ name: "model.embed_tokens.weight", shape: [10, 4096] }]), arch, 16)).toMatchObject({ ok: false, mismatch: { reason: "not_a_lora_tensor" } });
    const moe = modelArchitecture("gpt-oss-120b")!;
    expect(checkLoraTensors(tensors(loraTensorShapes(moe, 8, ["gate_proj"], 1)), moe, 8)).toMatchObject({ ok: false, mismatch: { reason: "module_not_supported" } });
    expect(checkLoraTensors(tensors(loraTensorShapes(moe, 8, ["q_proj", "k_proj", "v_proj", "o_proj"], 2)), moe, 8)).toMatchObject({ ok: true });
  });
});
