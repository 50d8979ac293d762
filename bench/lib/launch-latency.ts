import type { Browser } from "@playwright/test";

// Issue 9 §7, as a person sees it: a cluster is launched through the API, its page is opened at
// once, and we note when the page shows it provisioning and when it shows it running. The
// control plane (a standalone one, so it can be asked) tells when it really changed the status;
// the difference is the console's lag: the sync loop's interval plus the page's polling.

export interface LaunchLatency {
  acceptedMs: number;
  pageProvisioningMs: number;
  pageRunningMs: number;
  controlPlaneRunningMs: number;
  controlPlaneToPageMs: number;
}

interface ControlPlaneCluster {
  id: string;
  name: string;
}

interface ControlPlaneOperation {
  kind: string;
  status: string;
  finishedAt: string | null;
}

/** Median of each figure over `samples` launches, after one visit that warms the routes up. */
export async function measureLaunchLatency(options: { browser: Browser; consoleUrl: string; controlPlaneUrl: string; org: string; cookie: string; token: string; samples?: number }): Promise<LaunchLatency & { samples: LaunchLatency[] }> {
  const warm = await options.browser.newContext();
  const [name, value] = options.cookie.split("=");
  await warm.addCookies([{ name, value, url: options.consoleUrl }]);
  const page = await warm.newPage();
  await page.goto(`${options.consoleUrl}/${options.org}/clusters`);
  const list = (await fetch(`${options.consoleUrl}/api/v1/orgs/${options.org}/clusters?limit=1`, { headers: { authorization: `Bearer ${options.token}` } }).then((r) => r.json())) as { items: Array<{ id: string }> };
  if (list.items[0]) await page.goto(`${options.consoleUrl}/${options.org}/clusters/${list.items[0].id}`);
  await warm.close();

  const samples: LaunchLatency[] = [];
  for (let i = 0; i < (options.samples ?? 3); i++) samples.push(await launchOnce(options));
  const median = (pick: (m: LaunchLatency) => number) => samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return {
    acceptedMs: median((m) => m.acceptedMs),
    pageProvisioningMs: median((m) => m.pageProvisioningMs),
    pageRunningMs: median((m) => m.pageRunningMs),
    controlPlaneRunningMs: median((m) => m.controlPlaneRunningMs),
    controlPlaneToPageMs: median((m) => m.controlPlaneToPageMs),
    samples,
  };
}

async function launchOnce(options: { browser: Browser; consoleUrl: string; controlPlaneUrl: string; org: string; cookie: string; token: string }): Promise<LaunchLatency> {
  const { browser, consoleUrl, controlPlaneUrl, org, cookie, token } = options;
  const api = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const orgId = ((await fetch(`${consoleUrl}/api/v1/orgs/${org}`, { headers: api }).then((r) => r.json())) as { id: string }).id;

  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1366, height: 800 } });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: consoleUrl }]);
  const page = await context.newPage();
  try {
    const clusterName = `launch-${Date.now().toString(36)}`;
    const started = Date.now();
    const response = await fetch(`${consoleUrl}/api/v1/orgs/${org}/clusters`, {
      method: "POST",
      headers: { ...api, "idempotency-key": clusterName },
      body: JSON.stringify({ name: clusterName, zoneId: "jp-tokyo-1b", kubernetesVersion: "1.37", controlPlane: "single", nodePools: [{ name: "gpu", shapeId: "l40s-1x", count: 1 }] }),
    });
    const acceptedMs = Date.now() - started;
    if (response.status !== 202) throw new Error(`launch answered ${response.status}: ${await response.text()}`);
    const clusterId = ((await response.json()) as { target: { id: string } }).target.id;

    // "commit": start watching as soon as the page starts arriving, not after it has loaded.
    await page.goto(`${consoleUrl}/${org}/clusters/${clusterId}`, { waitUntil: "commit" });
    const heading = page.getByRole("heading", { level: 1 });
    await heading.filter({ hasText: "作成中" }).waitFor({ timeout: 60_000 });
    const pageProvisioningMs = Date.now() - started;
    await heading.filter({ hasText: "稼働中" }).waitFor({ timeout: 180_000 });
    const pageRunningAt = Date.now();

    // The control plane's own record of when the create operation finished (same machine clock).
    const clusters = (await fetch(`${controlPlaneUrl}/v1/clusters?tenantId=${orgId}`).then((r) => r.json())) as ControlPlaneCluster[] | { items: ControlPlaneCluster[] };
    const list = Array.isArray(clusters) ? clusters : clusters.items;
    const cpCluster = list.find((c) => c.name === clusterName);
    if (!cpCluster) throw new Error("the control plane does not know the cluster");
    const ops = (await fetch(`${controlPlaneUrl}/v1/operations?tenantId=${orgId}&targetId=${cpCluster.id}`).then((r) => r.json())) as ControlPlaneOperation[] | { items: ControlPlaneOperation[] };
    const create = (Array.isArray(ops) ? ops : ops.items).find((op) => op.kind === "cluster.create" && op.status === "succeeded");
    if (!create?.finishedAt) throw new Error("the control plane has no finished create operation");
    const controlPlaneRunningAt = Date.parse(create.finishedAt);
    return {
      acceptedMs,
      pageProvisioningMs,
      pageRunningMs: pageRunningAt - started,
      controlPlaneRunningMs: controlPlaneRunningAt - started,
      controlPlaneToPageMs: pageRunningAt - controlPlaneRunningAt,
    };
  } finally {
    await context.close();
  }
}
