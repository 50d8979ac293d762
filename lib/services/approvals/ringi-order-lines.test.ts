import { describe, expect, it } from "vitest";
import { ringiOrderLines } from "./ringi-order-lines";

// The 稟議書's 「注文内容」 names what each held kind orders, in words an approver and the company's
// records can read without the console (the order kept on the request, including "from → to").

describe("ringiOrderLines", () => {
  it("says what each kind of held order orders", () => {
    expect(ringiOrderLines({ action: "endpoint.create", order: { modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 2, maxReplicas: 8 } })).toEqual([
      "モデル sarashina2.2-3b-instruct",
      "マシンタイプ l40s-1x\u3000ゾーン jp-tokyo-1a",
      "レプリカ数 最小 2〜最大 8",
    ]);
    expect(ringiOrderLines({ action: "endpoint.scale_up", order: { endpointId: "ep_1", endpointName: "chat", shapeId: "l40s-1x", fromMinReplicas: 3, minReplicas: 5 } })).toEqual(["エンドポイント chat（l40s-1x）", "最小レプリカ数 3 → 5"]);
    expect(ringiOrderLines({ action: "node_pool.scale_up", order: { clusterName: "batch", poolName: "workers", shapeId: "cpu-16", fromCount: 3, toCount: 5 } })).toEqual(["クラスター batch\u3000ノードプール workers（cpu-16）", "ノード数 3 → 5"]);
    expect(ringiOrderLines({ action: "reservation.create", order: { shapeId: "h100-8x", count: 2, zoneId: "jp-tokyo-1a", term: "1w", startDate: "2030-01-07" } })).toEqual(["h100-8x × 2台\u3000ゾーン jp-tokyo-1a", "期間 7日\u3000開始日 2030-01-07"]);
    expect(ringiOrderLines({ action: "cluster.create", order: { zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", nodePools: [{ name: "gpu", shapeId: "h200-8x", count: 1 }] } })).toEqual(["ゾーン jp-tokyo-1a", "Kubernetes 1.36", "ノードプール gpu: h200-8x × 1台"]);
  });
});
