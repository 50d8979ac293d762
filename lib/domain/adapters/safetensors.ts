// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N
// bytes of JSON { "<tensor>": { dtype, shape, data_offsets: [begin, end] }, "__metadata__"?: {…} },
// then the tensors' bytes. Offsets are relative to the end of the header. No npm parser is kept
// well enough to depend on (the few there fetch from a model hub), and the format is this small.
// Everything here is pure: the caller reads the 8 + N bytes and says how large the file is.

export const SAFETENSORS_MAX_HEADER_BYTES = 16 * 1024 * 1024;

export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

export interface SafetensorsTensor {
  name: string;
  dtype: string;
  shape: number[];
  dataOffsets: [number, number];
}

export class SafetensorsFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "SafetensorsFormatError";
  }
}

/** The header length from the file's first 8 bytes, checked against the file's size. */
export function safetensorsHeaderLength(prefix: Uint8Array, fileBytes: number): number {
  if (prefix.byteLength < 8 || fileBytes < 8) throw new SafetensorsFormatError("the file is shorter than the 8-byte header length");
  const length = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (length < 2n) throw new SafetensorsFormatError("the header length is too small");
  if (length > BigInt(SAFETENSORS_MAX_HEADER_BYTES)) throw new SafetensorsFormatError(`the header is longer than ${SAFETENSORS_MAX_HEADER_BYTES} bytes`);
  if (length > BigInt(fileBytes - 8)) throw new SafetensorsFormatError("the header length runs past the end of the file");
  return Number(length);
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** Parses and checks the JSON header: every tensor's byte range fits its dtype × shape and the data. */
export function parseSafetensorsHeader(header: Uint8Array, fileBytes: number): { tensors: SafetensorsTensor[]; metadata: Record<string, string> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(header));
  } catch {
    throw new SafetensorsFormatError("the header is not UTF-8 JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SafetensorsFormatError("the header is not a JSON object");
  const dataBytes = fileBytes - 8 - header.byteLength;
  const tensors: SafetensorsTensor[] = [];
  let metadata: Record<string, string> = {};
  let covered = 0;
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof value !== "object" || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
        throw new SafetensorsFormatError("__metadata__ must map strings to strings");
      }
      metadata = value as Record<string, string>;
      continue;
    }
    const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (typeof entry !== "object" || entry === null) throw new SafetensorsFormatError(`tensor ${name} is not an object`);
    const { dtype, shape, data_offsets: offsets } = entry;
    if (typeof dtype !== "string" || !(dtype in DTYPE_BYTES)) throw new SafetensorsFormatError(`tensor ${name} has an unknown dtype`);
    if (!Array.isArray(shape) || shape.length > 8 || !shape.every(isCount)) throw new SafetensorsFormatError(`tensor ${name} has a malformed shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) throw new SafetensorsFormatError(`tensor ${name} has malformed data_offsets`);
    const elements = shape.reduce((product: number, n: number) => product * n, 1);
    if (offsets[1] - offsets[0] !== elements * DTYPE_BYTES[dtype]) throw new SafetensorsFormatError(`tensor ${name}: its byte range does not hold ${dtype} × [${shape.join(", ")}]`);
    if (offsets[1] > dataBytes) throw new SafetensorsFormatError(`tensor ${name} runs past the end of the file`);
    covered += offsets[1] - offsets[0];
    tensors.push({ name, dtype, shape: shape as number[], dataOffsets: [offsets[0], offsets[1]] });
  }
  if (tensors.length === 0) throw new SafetensorsFormatError("the file holds no tensors");
  // Tensors may not overlap, and the data section holds nothing else (the format's own rule).
  const sorted = [...tensors].sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].dataOffsets[0] < sorted[i - 1].dataOffsets[1]) throw new SafetensorsFormatError(`tensors ${sorted[i - 1].name} and ${sorted[i].name} overlap`);
  }
  if (covered !== dataBytes) throw new SafetensorsFormatError("the data section holds bytes no tensor describes");
  return { tensors, metadata };
}

/** Builds a safetensors file (tests, fixtures, the demo): zero-filled tensors of the given shapes. */
export function buildSafetensors(tensors: { name: string; shape: number[]; dtype?: string }[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const t of tensors) {
    const dtype = t.dtype ?? "BF16";
    const size = t.shape.reduce((p, n) => p * n, 1) * DTYPE_BYTES[dtype];
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  return out;
}
