import "server-only";
import { randomInt } from "node:crypto";
import { RECOVERY_CODE_COUNT } from "@/lib/domain/mfa";
import { hashSecret } from "../secrets";

// One-time recovery codes: 16 characters of an unambiguous alphabet (80 bits) in groups of four.
// With that much entropy a plain SHA-256 (bound to the user) is a sound one-way store, like API
// tokens; the codes themselves are shown once.

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L
const LENGTH = 16;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let raw = "";
    while (raw.length < LENGTH) raw += ALPHABET[randomInt(ALPHABET.length)];
    return raw.match(/.{4}/g)!.join("-");
  });
}

/** What a person typed, made comparable: case, spaces and hyphens do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(userId: string, input: string): string {
  return hashSecret(`hinoki-recovery-code:${userId}:${normalizeRecoveryCode(input)}`);
}
