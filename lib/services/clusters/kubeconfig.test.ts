import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { parse } from "yaml";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { getControlPlane, setControlPlane } from "@/lib/control-plane";
import { orgWithRoles } from "../testing/fixtures";
import { issueKubeconfig } from "./issue-kubeconfig";
import { launchCluster } from "./launch-cluster";
import { installSimulator } from "./testing";

// The downloaded kubeconfig must be one kubectl accepts: `kubectl config view` reads it (the test
// script installs Debian's kubernetes-client when kubectl is missing), and the CA is parsed as a
// real X.509 certificate.

describe("kubeconfig", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let clusterId: string;
  let dir: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    const cp = await installSimulator(handle.db);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", { name: "train", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", controlPlane: "ha", nodePools: [{ name: "gpu", shapeId: "h100-8x", count: 1 }] });
    clusterId = op.target.id;
    await cp.settle();
    dir = mkdtempSync(path.join(tmpdir(), "kubeconfig-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    setControlPlane(undefined);
    await handle.close();
  });

  it("is a v1 Config with the API server, the cluster's X.509 CA and a short-lived token", async () => {
    const issued = await issueKubeconfig(await getControlPlane(), acme.as.developer, "acme", clusterId, { ttlSeconds: 3600 });
    expect(issued.filename).toBe("kubeconfig-train.yaml");
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(3600_000);
    const doc = parse(issued.kubeconfig);
    expect(doc).toMatchObject({ apiVersion: "v1", kind: "Config", "current-context": "hinoki-acme-train" });
    const [cluster] = doc.clusters;
    const [user] = doc.users;
    const [context] = doc.contexts;
    expect(cluster.cluster.server).toMatch(/^https:\/\/[a-z0-9.-]+:6443$/);
    expect(user.user.token).toMatch(/^hnk_k8s_/);
    expect(context).toEqual({ name: "hinoki-acme-train", context: { cluster: cluster.name, user: user.name } });
    const pem = Buffer.from(cluster.cluster["certificate-authority-data"], "base64").toString("utf8");
    const ca = new X509Certificate(pem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain("Hinoki");
    expect(new Date(ca.validTo).getTime()).toBeGreaterThan(Date.now());

    const file = path.join(dir, issued.filename);
    writeFileSync(file, issued.kubeconfig, { mode: 0o600 });
    const view = parse(execFileSync("kubectl", ["config", "view", "--kubeconfig", file, "--raw", "-o", "yaml"], { encoding: "utf8" }));
    expect(view.clusters[0].cluster.server).toBe(cluster.cluster.server);
    expect(view.clusters[0].cluster["certificate-authority-data"]).toBe(cluster.cluster["certificate-authority-data"]);
    expect(view["current-context"]).toBe("hinoki-acme-train");
    const minified = execFileSync("kubectl", ["config", "view", "--kubeconfig", file, "--minify", "-o", "jsonpath={.users[0].user.token}"], { encoding: "utf8" });
    expect(minified).toBe("REDACTED");
  });

  it("is audited without the token, and refused to viewers and billing", async () => {
    const issued = await issueKubeconfig(await getControlPlane(), acme.as.owner, "acme", clusterId);
    const token = parse(issued.kubeconfig).users[0].user.token as string;
    const rows = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, clusterId), eq(auditEvents.action, "cluster.kubeconfig.issue")));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain(token);
    for (const role of ["viewer", "billing"] as const) {
      await expect(issueKubeconfig(await getControlPlane(), acme.as[role], "acme", clusterId)).rejects.toMatchObject({ code: "forbidden" });
    }
    const stranger = await orgWithRoles(handle.db, "stranger");
    await expect(issueKubeconfig(await getControlPlane(), stranger.as.owner, "stranger", clusterId)).rejects.toMatchObject({ code: "not_found" });
  });
});
