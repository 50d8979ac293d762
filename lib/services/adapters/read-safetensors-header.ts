import "server-only";
import { open } from "node:fs/promises";
import { parseSafetensorsHeader, safetensorsHeaderLength, type SafetensorsTensor } from "@/lib/domain/adapters/safetensors";
import { storedFilePath } from "../batches/file-storage";

/** Reads only the 8 + N header bytes of a stored safetensors file (never the weights) and parses them. */
export async function readSafetensorsHeader(orgId: string, fileId: string, fileBytes: number): Promise<{ tensors: SafetensorsTensor[] }> {
  const file = await open(storedFilePath(orgId, fileId), "r");
  try {
    const prefix = new Uint8Array(8);
    const { bytesRead } = await file.read(prefix, 0, 8, 0);
    const length = safetensorsHeaderLength(prefix.subarray(0, bytesRead), fileBytes);
    const header = new Uint8Array(length);
    await file.read(header, 0, length, 8);
    return parseSafetensorsHeader(header, fileBytes);
  } finally {
    await file.close();
  }
}
