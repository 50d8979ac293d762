import type { Attestation } from "@/lib/domain/attestation";
import type { HardwareEvidence } from "@/lib/domain/evidence";

// When a resource needs a fresh statement (domain.md: "renewed at least daily and on every
// change of its nodes"). Pure, so the renewal loop can ask cheaply for every running resource.

export type ReissueReason = "never_issued" | "node_set_changed" | "renewal_due";

export interface ReissueOptions {
  /** Renew once the statement is this old. Default 24 h. */
  maxAgeSeconds?: number;
  /**
   * Also renew this long before expiry, so a valid statement exists at every moment even when
   * the renewal loop runs late. Default 1 h, i.e. with a 24 h lifetime renewal happens at 23 h.
   */
  renewBeforeExpirySeconds?: number;
}

/** Why a new statement is needed, or null when the last one still stands. */
export function needsReissue(
  last: Pick<Attestation, "issuedAt" | "expiresAt" | "nodeSetDigest"> | null | undefined,
  evidence: Pick<HardwareEvidence, "nodeSetDigest">,
  now: Date,
  options: ReissueOptions = {},
): ReissueReason | null {
  if (!last) return "never_issued";
  if (last.nodeSetDigest !== evidence.nodeSetDigest) return "node_set_changed";
  const maxAgeMs = (options.maxAgeSeconds ?? 24 * 60 * 60) * 1000;
  const renewBeforeMs = (options.renewBeforeExpirySeconds ?? 60 * 60) * 1000;
  const t = now.getTime();
  if (t - Date.parse(last.issuedAt) >= maxAgeMs) return "renewal_due";
  if (Date.parse(last.expiresAt) - t <= renewBeforeMs) return "renewal_due";
  return null;
}
