import "server-only";
import { eq, sql } from "drizzle-orm";
import { getControlPlane, type ControlPlane } from "@/lib/control-plane";
import { getDb, type Db } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema";
import { latestAttestation } from "@/lib/attestation/find-attestations";
import { issueAttestation } from "@/lib/attestation/issue-attestation";
import type { Kek } from "@/lib/attestation/kek";
import { needsReissue, type ReissueReason } from "@/lib/attestation/needs-reissue";
import { systemPrincipal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/domain/errors";
import type { HardwareEvidence } from "@/lib/domain/evidence";
import { recordAudit } from "../audit/record";
import { notifyOrgRoles } from "../notifications/notify";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { ATTESTABLE_STATUSES, orgResources } from "./org-resources";

// The renewal loop: every running cluster and endpoint of every org gets a statement when it
// becomes running, whenever its node set changes, and at least daily. Statements are never
// deleted; each issue is one row and one audit entry (actor: the system).

export interface RenewalReport {
  orgs: number;
  attestable: number;
  issued: Array<{ orgId: string; resourceId: string; attestationId: string; reason: ReissueReason }>;
  failed: Array<{ orgId: string; resourceId?: string; error: string }>;
}

export interface RenewOptions {
  db?: Db;
  controlPlane?: ControlPlane;
  now?: () => Date;
  kek?: Kek;
  ttlSeconds?: number;
}

export async function renewAttestations(options: RenewOptions = {}): Promise<RenewalReport> {
  const db = options.db ?? (await getDb());
  const controlPlane = options.controlPlane ?? (await getControlPlane());
  const now = options.now ?? (() => new Date());
  const report: RenewalReport = { orgs: 0, attestable: 0, issued: [], failed: [] };
  const orgRows = await db.select({ id: orgs.id }).from(orgs);
  report.orgs = orgRows.length;

  for (const org of orgRows) {
    let resources;
    try {
      resources = (await orgResources(controlPlane, org.id)).filter((r) => ATTESTABLE_STATUSES.includes(r.status));
    } catch (error) {
      report.failed.push({ orgId: org.id, error: message(error) });
      continue;
    }
    for (const resource of resources) {
      report.attestable++;
      try {
        const issued = await renewOne(db, controlPlane, org.id, resource.id, now, options);
        if (issued) report.issued.push({ orgId: org.id, resourceId: resource.id, ...issued });
      } catch (error) {
        report.failed.push({ orgId: org.id, resourceId: resource.id, error: message(error) });
      }
    }
  }
  return report;
}

async function renewOne(
  db: Db,
  controlPlane: ControlPlane,
  orgId: string,
  resourceId: string,
  now: () => Date,
  options: RenewOptions,
): Promise<{ attestationId: string; reason: ReissueReason } | null> {
  let evidence: HardwareEvidence;
  try {
    evidence = await controlPlane.getEvidence(resourceId);
  } catch (error) {
    // It stopped running between the list and this call: nothing to attest this round.
    if (isAppError(error) && (error.code === "conflict" || error.code === "not_found")) return null;
    throw error;
  }
  if (evidence.tenantId !== orgId) return null;
  // Evidence is fetched outside the transaction (the simulator shares the database); the
  // decision is re-made inside it under a per-resource lock, so two console instances running
  // this loop at once issue one statement, not two.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`attestation:${resourceId}`}))`);
    const at = now();
    const reason = needsReissue(await latestAttestation(tx, orgId, resourceId), evidence, at);
    if (!reason) return null;
    const { attestation } = await issueAttestation(tx, { evidence, orgId }, { now: at, kek: options.kek, ttlSeconds: options.ttlSeconds });
    await recordAudit(tx, systemPrincipal(), orgId, {
      action: "attestation.issue",
      targetType: "attestation",
      targetId: attestation.id,
      data: { resourceId, resourceKind: evidence.resourceKind, reason, status: attestation.status },
    });
    if (attestation.status !== "affirming") {
      // A statement that is not affirming needs a person: owners and admins hear of it once.
      const [org] = await tx.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId)).limit(1);
      await notifyOrgRoles(tx, orgId, NOTIFICATION_AUDIENCE.attestation, {
        category: "attestation",
        titleKey: "attestationAttention.title",
        bodyKey: "attestationAttention.body",
        params: { resource: resourceId, status: attestation.status },
        link: org ? `/${org.slug}/attestations/${attestation.id}` : null,
        dedupeKey: `attestation:${resourceId}:${attestation.status}:${attestation.nodeSetDigest}`,
      });
    }
    return { attestationId: attestation.id, reason };
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
