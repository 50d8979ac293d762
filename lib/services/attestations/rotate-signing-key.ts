import "server-only";
import { getDb } from "@/lib/db/client";
import { rotateKey, type SigningKeyInfo as EngineKeyInfo } from "@/lib/attestation/keys";
import type { Principal } from "@/lib/auth/principal";
import type { KeyRotation, SigningKeyInfo } from "@/lib/domain/attestation-api";
import { recordAudit } from "../audit/record";
import { notifyOrgRoles } from "../notifications/notify";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { orgs } from "@/lib/db/schema";
import { requireStaff } from "../staff/require-staff";

function toInfo(key: EngineKeyInfo): SigningKeyInfo {
  return { kid: key.kid, status: key.status, createdAt: key.createdAt.toISOString(), retiredAt: key.retiredAt?.toISOString() ?? null };
}

/**
 * Platform admins only: retire the active signing key and make a new one. The retired key stays
 * published, so every statement ever issued still verifies. Audited in the platform log.
 */
export async function rotateSigningKey(principal: Principal): Promise<KeyRotation> {
  requireStaff(principal, "platform_admin");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { retired, active } = await rotateKey(tx);
    await recordAudit(tx, principal, null, {
      action: "attestation_key.rotate",
      targetType: "attestation_signing_key",
      targetId: active.kid,
      data: { activeKid: active.kid, retiredKid: retired?.kid ?? null },
    });
    // Every customer's owners and admins learn that statements now carry a new kid.
    for (const org of await tx.select({ id: orgs.id }).from(orgs)) {
      await notifyOrgRoles(tx, org.id, NOTIFICATION_AUDIENCE.attestation, {
        category: "attestation",
        titleKey: "signingKeyRotated.title",
        bodyKey: "signingKeyRotated.body",
        params: { kid: active.kid },
        link: "/.well-known/jwks.json",
        dedupeKey: `attestation_key.rotate:${active.kid}`,
      });
    }
    return { retired: retired ? toInfo(retired) : null, active: toInfo(active) };
  });
}
