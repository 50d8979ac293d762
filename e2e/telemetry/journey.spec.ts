import parsePrometheus from "parse-prometheus-text-format";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// GPU telemetry as an owner meets it: a training cluster's GPUs are busy on its GPU charts; an
// idle one shows the idle finding with its yen on the cluster page and the overview; a node that
// reports XID 79 is cordoned and replaced — on the cluster's hardware timeline, in the bell, and
// in a new residency statement naming the new GPU serials. The cluster's Prometheus feed is read
// with an API token and parsed by an exposition-format parser.
//
// The e2e server calls GPUs idle after 2 minutes (HINOKI_IDLE_GPU_WINDOW_MINUTES=2); the
// simulator reads a pool's workload from the label hinoki.cloud/workload and injects a fault on a
// pool labelled sim.hinoki.cloud/inject-fault.

const SUFFIX = Date.now().toString(36);

function draft(name: string, count: number, labels: Record<string, string>) {
  return { name, zoneId: "jp-tokyo-1b", kubernetesVersion: "1.36", controlPlane: "single", nodePools: [{ name: "gpu", shapeId: "l40s-1x", count, labels }] };
}

test("GPU telemetry: busy and idle GPUs, the idle finding in yen, and a node replaced after XID 79", async ({ page, leftovers, playwright, baseURL }) => {
  test.setTimeout(900_000);
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}`);
  const launch = async (name: string, count: number, labels: Record<string, string>) => {
    const created = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters`, { method: "POST", body: draft(name, count, labels) });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    leftovers.cluster(created.body.target.id);
    return created.body.target.id as string;
  };
  const training = await launch(`e2e-train-${SUFFIX}`, 1, { "hinoki.cloud/workload": "training" });
  const idle = await launch(`e2e-idle-${SUFFIX}`, 2, { "hinoki.cloud/workload": "idle" });
  const faulty = await launch(`e2e-xid-${SUFFIX}`, 1, { "hinoki.cloud/workload": "training", "sim.hinoki.cloud/inject-fault": "xid79" });

  // The training cluster: its GPU chart fills with busy samples (every 30 s, DCGM fields).
  await page.goto(`/${ORG}/clusters/${training}`);
  const section = page.getByTestId("gpu-section");
  await expect(section.getByRole("heading", { name: "GPUテレメトリ" })).toBeVisible(UNTIL_DONE);
  await expect(section.getByText(/最新のサンプル/)).toBeVisible(UNTIL_DONE);
  const utilization = section.getByRole("figure").filter({ hasText: "GPU使用率" });
  await utilization.getByText("表で見る").click();
  const firstRow = utilization.getByRole("row").nth(1);
  await expect(firstRow).toBeVisible();
  const mean = Number(((await firstRow.getByRole("cell").first().textContent()) ?? "").replace(/[^0-9.]/g, ""));
  expect(mean).toBeGreaterThanOrEqual(90);
  await expect(section.getByRole("figure").filter({ hasText: "GPU温度" })).toBeVisible();
  await expect(page.getByTestId("idle-gpu-findings")).toHaveCount(0);

  // The idle cluster: after the idle window, the finding with its list price (2 × ¥290/h × 2 min ≈ ¥19).
  await page.goto(`/${ORG}/clusters/${idle}`);
  const finding = page.getByTestId("idle-gpu-finding");
  await expect(finding).toBeVisible(UNTIL_DONE);
  await expect(finding).toContainText("2 GPUが2分にわたり使用率5%未満です。この間の定価は約¥19です。");
  await expect(finding.getByRole("link", { name: "ノードプールを0台に縮小" })).toBeVisible();
  await page.goto(`/${ORG}`);
  await expect(page.getByTestId("idle-gpu-finding").filter({ hasText: `e2e-idle-${SUFFIX}` })).toBeVisible(UNTIL_DONE);

  // The faulty cluster: XID 79 → cordon → replacement on a new machine with new GPU serials.
  await page.goto(`/${ORG}/clusters/${faulty}`);
  const timeline = page.getByTestId("gpu-events");
  await expect(timeline.locator('[data-kind="node_replaced"]')).toBeVisible(UNTIL_DONE);
  await expect(timeline.locator('[data-kind="fault_detected"]')).toContainText("XID 79（GPUがバスから脱落）");
  await expect(timeline.locator('[data-kind="fault_detected"]')).toContainText("XID 79");
  await expect(page.getByTestId("availability")).toContainText("障害1件");
  const events = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters/${faulty}/events`);
  const replaced = events.body.items.find((e: { kind: string }) => e.kind === "node_replaced");
  const newSerials: string[] = replaced.replacement.gpus.map((g: { boardSerial: string }) => g.boardSerial);
  const oldSerial: string = events.body.items.find((e: { kind: string }) => e.kind === "fault_detected").gpu.boardSerial;
  expect(newSerials).not.toContain(oldSerial);
  await timeline.locator('[data-kind="node_replaced"]').getByText(/新しいGPUのシリアル番号/).click();
  await expect(page.getByTestId("new-serials")).toContainText(newSerials[0]);

  // The bell tells the owner: the fault and the replacement.
  await expect(async () => {
    const notes = await apiFromPage(page, `/api/v1/orgs/${ORG}/notifications`);
    const mine = notes.body.items.filter((n: { params: Record<string, string> }) => n.params.resource === `e2e-xid-${SUFFIX}`).map((n: { titleKey: string }) => n.titleKey);
    expect(mine).toEqual(expect.arrayContaining(["gpuFaultDetected.title", "gpuNodeReplaced.title"]));
  }).toPass({ timeout: 0 });
  await page.reload();
  await page.getByRole("button", { name: /通知/ }).first().click();
  await expect(page.getByText(`e2e-xid-${SUFFIX} のノード交換が完了しました`).first()).toBeVisible(UNTIL_DONE);

  // A new residency statement names the new serials.
  await expect(async () => {
    const list = await apiFromPage(page, `/api/v1/orgs/${ORG}/attestations?resourceId=${faulty}`);
    const latest = await apiFromPage(page, `/api/v1/orgs/${ORG}/attestations/${list.body.items[0].id}`);
    const serials = latest.body.claims.hardware.nodes.flatMap((n: { gpus: { board_serial: string }[] }) => n.gpus.map((g) => g.board_serial));
    expect(serials).toEqual(expect.arrayContaining(newSerials));
    expect(serials).not.toContain(oldSerial);
  }).toPass({ timeout: 0 });

  // The Prometheus feed, scraped with an API token that holds clusters.read (viewer).
  const token = await apiFromPage(page, `/api/v1/orgs/${ORG}/api-tokens`, { method: "POST", body: { name: `prometheus-${SUFFIX}`, role: "viewer", expiresInDays: 1 } });
  expect(token.status).toBe(201);
  const scraper = await playwright.request.newContext({ baseURL });
  const scrape = await scraper.get(`/api/v1/orgs/${ORG}/clusters/${training}/metrics/prometheus`, { headers: { Authorization: `Bearer ${token.body.secret}` } });
  expect(scrape.status()).toBe(200);
  expect(scrape.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const families = parsePrometheus(await scrape.text());
  const util = families.find((f) => f.name === "DCGM_FI_DEV_GPU_UTIL")!;
  const cluster = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters/${training}`);
  const node = cluster.body.nodes[0];
  expect(util.metrics).toHaveLength(1);
  expect(util.metrics[0].labels).toMatchObject({ gpu: "0", Hostname: node.hostname, node_id: node.nodeId, modelName: node.gpus[0].model });
  expect(Number(util.metrics[0].value)).toBeGreaterThanOrEqual(90);
  const anonymous = await scraper.get(`/api/v1/orgs/${ORG}/clusters/${training}/metrics/prometheus`);
  expect(anonymous.status()).toBe(401);
  await scraper.dispose();
});
