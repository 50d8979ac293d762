import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { verifyAttestation } from "@/lib/attestation/verify-attestation";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { getAttestation } from "./get-attestation";
import { getAttestationJws } from "./get-attestation-jws";
import { getAttestationPdf } from "./get-attestation-pdf";
import { getJwks } from "./get-jwks";
import { listAttestableResources } from "./list-attestable-resources";
import { listAttestations } from "./list-attestations";
import { renewAttestations } from "./renew-attestations";
import { requestAttestation } from "./request-attestation";
import { rotateSigningKey } from "./rotate-signing-key";
import { installSimulator, runningCluster, useTestKek } from "./testing";

useTestKek();

type Org = Awaited<ReturnType<typeof orgWithRoles>>;

describe("attestation services", () => {
  let handle: DbHandle;
  let acme: Org;
  let other: Org;
  let sim: Awaited<ReturnType<typeof installSimulator>>["sim"];
  let cluster: { id: string; poolId: string; name: string };
  let otherCluster: { id: string };
  const day0 = new Date("2026-11-22T03:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    ({ sim } = await installSimulator(handle.db));
    cluster = await runningCluster(sim, acme.orgId);
    otherCluster = await runningCluster(sim, other.orgId, { name: "their-cluster" });
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await sim.close();
    await handle.close();
  });

  const renew = (at: Date) => renewAttestations({ db: handle.db, controlPlane: sim, now: () => at });

  it("issues when a resource becomes running, then only on a node change or after a day", async () => {
    const first = await renew(day0);
    expect(first.failed).toEqual([]);
    expect(first.issued.map((i) => [i.resourceId, i.reason]).sort()).toEqual([
      [cluster.id, "never_issued"],
      [otherCluster.id, "never_issued"],
    ].sort());

    // Nothing changed, an hour later: nothing new.
    expect((await renew(new Date(day0.getTime() + 3600_000))).issued).toEqual([]);

    // The node set changes (scale 1 → 2): a new statement covering both nodes.
    await sim.updateCluster(cluster.id, { scaleNodePools: [{ poolId: cluster.poolId, count: 2 }] }, "scale-up");
    await sim.advance(600_000);
    const scaled = await renew(new Date(day0.getTime() + 2 * 3600_000));
    expect(scaled.issued).toEqual([expect.objectContaining({ resourceId: cluster.id, reason: "node_set_changed" })]);
    const page = await listAttestations(acme.as.viewer, "acme", { resourceId: cluster.id }, { limit: 10 });
    const latest = await getAttestation(acme.as.viewer, "acme", page.items[0].id);
    expect(latest.claims.hardware.nodes).toHaveLength(2);
    expect(latest.claims.hardware.nodes.flatMap((n) => n.gpus)).toHaveLength(16);

    // A day later both are renewed even though nothing changed; history is kept.
    const nextDay = await renew(new Date(day0.getTime() + 26 * 3600_000));
    expect(nextDay.issued.map((i) => i.reason).sort()).toEqual(["renewal_due", "renewal_due"]);
    const history = await listAttestations(acme.as.viewer, "acme", { resourceId: cluster.id }, { limit: 10 });
    expect(history.items).toHaveLength(3);

    // A cluster still provisioning has no evidence and gets nothing.
    await sim.createCluster(
      { tenantId: acme.orgId, clusterId: "cl_booting", name: "booting", zoneId: "jp-tokyo-1b", kubernetesVersion: "1.36", controlPlane: "single", nodePools: [{ poolId: "np", name: "gpu", shapeId: "h100-8x", count: 1 }] },
      "create-booting",
    );
    expect((await renew(new Date(day0.getTime() + 27 * 3600_000))).issued).toEqual([]);

    // Each issue is in the customer's audit log, by the system.
    const audits = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "attestation.issue")));
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorType === "system")).toBe(true);
  });

  it("lists newest first with keyset pages and filters, and hides other orgs' statements (404)", async () => {
    const first = await listAttestations(acme.as.viewer, "acme", {}, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextAfterId).toBe(first.items[1].id);
    expect(first.items[0].id > first.items[1].id).toBe(true);
    expect(first.items[0]).toMatchObject({ resourceName: "prod-training", facility: { id: "hnk-tyo-a1", prefecture: "東京都", iso3166_2: "JP-13" } });
    expect(first.items[0]).not.toHaveProperty("jws");
    const second = await listAttestations(acme.as.viewer, "acme", {}, { limit: 2, beforeId: first.nextAfterId! });
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0].id);
    expect(second.nextAfterId).toBeNull();
    expect((await listAttestations(acme.as.viewer, "acme", { status: "contraindicated" }, { limit: 10 })).items).toEqual([]);

    const theirs = (await listAttestations(other.as.owner, "other", {}, { limit: 10 })).items;
    expect(theirs.every((a) => a.orgId === other.orgId)).toBe(true);
    const ours = first.items[0].id;
    await expect(getAttestation(other.as.owner, "other", ours)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAttestationPdf(other.as.owner, "other", ours)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAttestationJws(other.as.owner, "other", ours)).rejects.toMatchObject({ code: "not_found" });
    // Not a member at all: the org itself is a 404.
    await expect(listAttestations(other.as.owner, "acme", {}, { limit: 10 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("serves the JWS and a certificate PDF that verify and carry the same statement", async () => {
    const [item] = (await listAttestations(acme.as.viewer, "acme", {}, { limit: 1 })).items;
    const detail = await getAttestation(acme.as.viewer, "acme", item.id);
    const jws = await getAttestationJws(acme.as.viewer, "acme", item.id);
    expect(jws.contentType).toBe("application/jwt");
    expect(new TextDecoder().decode(jws.bytes)).toBe(detail.jws);
    const result = await verifyAttestation(detail.jws, await getJwks(), { now: new Date(detail.issuedAt) });
    expect(result).toMatchObject({ valid: true, reason: "ok" });
    expect(result.claims).toEqual(detail.claims);
    const pdf = await getAttestationPdf(acme.as.viewer, "acme", item.id);
    expect(pdf.contentType).toBe("application/pdf");
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  });

  it("issues a fresh statement with the caller's nonce, for those who may ask (audited)", async () => {
    const nonce = "audit-2026-11-22_x7Qp9";
    const fresh = await requestAttestation(acme.as.developer, "acme", { resourceId: cluster.id, nonce });
    expect(fresh).toMatchObject({ nonce, resourceId: cluster.id, resourceName: "prod-training" });
    expect(fresh.claims.eat_nonce).toBe(nonce);
    const jwks = await getJwks();
    expect(await verifyAttestation(fresh.jws, jwks, { expectedNonce: nonce })).toMatchObject({ valid: true, reason: "ok" });
    expect(await verifyAttestation(fresh.jws, jwks, { expectedNonce: "someone-elses-nonce" })).toMatchObject({ valid: false, reason: "nonce_mismatch" });
    expect((await getAttestation(acme.as.viewer, "acme", fresh.id)).claims.eat_nonce).toBe(nonce);
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "attestation.request")));
    expect(audit).toMatchObject({ targetId: fresh.id, data: expect.objectContaining({ nonce, resourceId: cluster.id }) });

    // A viewer reads but does not ask; another org's resource does not exist; bad nonces are 400s.
    expect(await listAttestableResources(acme.as.viewer, "acme")).toEqual([expect.objectContaining({ id: cluster.id, name: "prod-training", kind: "cluster" })]);
    await expect(requestAttestation(acme.as.viewer, "acme", { resourceId: cluster.id, nonce })).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestAttestation(acme.as.developer, "acme", { resourceId: otherCluster.id, nonce })).rejects.toMatchObject({ code: "not_found" });
    await expect(requestAttestation(acme.as.developer, "acme", { resourceId: "cl_nothing_here", nonce })).rejects.toMatchObject({ code: "not_found" });
    await expect(requestAttestation(acme.as.developer, "acme", { resourceId: cluster.id, nonce: "short" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(requestAttestation(acme.as.developer, "acme", { resourceId: cluster.id, nonce: "has spaces in it" })).rejects.toMatchObject({ name: "ZodError" });
    // Still provisioning: refused with the reason.
    await expect(requestAttestation(acme.as.developer, "acme", { resourceId: "cl_booting", nonce })).rejects.toMatchObject({
      code: "business_rule",
      details: expect.objectContaining({ reason: "resource_not_running" }),
    });
  });

  it("reports an expired statement as expired, and a changed byte as a bad signature", async () => {
    const [item] = (await listAttestations(acme.as.viewer, "acme", {}, { limit: 1 })).items;
    const { jws } = await getAttestation(acme.as.viewer, "acme", item.id);
    const jwks = await getJwks();
    const later = new Date(Date.parse(item.expiresAt) + 3600_000);
    expect(await verifyAttestation(jws, jwks, { now: later })).toMatchObject({ valid: false, reason: "expired" });
    const [h, p, s] = jws.split(".");
    const flipped = p.slice(0, 10) + (p[10] === "A" ? "B" : "A") + p.slice(11);
    expect((await verifyAttestation(`${h}.${flipped}.${s}`, jwks, { now: new Date(item.issuedAt) })).valid).toBe(false);
  });

  it("rotates keys for platform admins only; old statements still verify, new ones use the new key", async () => {
    const admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    const manager = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" }));
    await expect(rotateSigningKey(acme.as.owner)).rejects.toMatchObject({ code: "not_found" });
    await expect(rotateSigningKey(manager)).rejects.toMatchObject({ code: "forbidden" });

    const before = await getJwks();
    const old = await getAttestation(acme.as.viewer, "acme", (await listAttestations(acme.as.viewer, "acme", {}, { limit: 1 })).items[0].id);
    const rotation = await rotateSigningKey(admin);
    expect(rotation.retired?.kid).toBe(before.keys[0].kid);
    expect(rotation.active.kid).not.toBe(before.keys[0].kid);

    const after = await getJwks();
    expect(after.keys.map((k) => k.kid)).toEqual([rotation.active.kid, ...before.keys.map((k) => k.kid)]);
    expect(await verifyAttestation(old.jws, after, { now: new Date(old.issuedAt) })).toMatchObject({ valid: true, header: expect.objectContaining({ kid: before.keys[0].kid }) });
    const fresh = await requestAttestation(acme.as.developer, "acme", { resourceId: cluster.id, nonce: "after-rotation-1" });
    expect(fresh.kid).toBe(rotation.active.kid);
    expect(await verifyAttestation(fresh.jws, after)).toMatchObject({ valid: true });

    const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "attestation_key.rotate"));
    expect(audit).toMatchObject({ orgId: null, actorId: admin.userId, targetId: rotation.active.kid, data: { activeKid: rotation.active.kid, retiredKid: before.keys[0].kid } });
  });
});
