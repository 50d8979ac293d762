import "server-only";
import { sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/billing/sql-rows";
import { renderPrometheusText } from "@/lib/domain/prometheus-text";
import { orgContext } from "../access/org-context";
import { loadCluster } from "../clusters/cluster-records";

// The cluster's GPUs as a Prometheus scrape target: the latest sample window of every GPU, with
// dcgm-exporter's metric names and labels (gpu, UUID, device, modelName, Hostname) plus the
// cluster and node ids, so a customer's existing DCGM dashboards and alerts work unchanged.

interface Row {
  uuid: string;
  gpu_index: number;
  model_name: string;
  hostname: string;
  node_id: string;
  window_start: string;
  util: number;
  gr_active: number;
  fb_used: number;
  fb_free: number;
  power: number;
  temp: number;
  xid: number;
  ecc_sbe: number;
  ecc_dbe: number;
}

export async function getClusterPrometheus(principal: Principal, slug: string, clusterId: string): Promise<string> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  const cluster = await loadCluster(db, orgId, clusterId);
  const rows = rowsOf<Row>(
    await db.execute(sql`
      SELECT uuid, gpu_index::int AS gpu_index, model_name, hostname, node_id, window_start::text AS window_start,
        util::float8 AS util, gr_active::float8 AS gr_active, fb_used::int AS fb_used, fb_free::int AS fb_free,
        power::float8 AS power, temp::float8 AS temp, xid::int AS xid, ecc_sbe::int AS ecc_sbe, ecc_dbe::int AS ecc_dbe
      FROM gpu_samples
      WHERE org_id = ${orgId} AND resource_id = ${clusterId}
        AND window_start = (SELECT max(window_start) FROM gpu_samples WHERE org_id = ${orgId} AND resource_id = ${clusterId})
      ORDER BY hostname, gpu_index`),
  );
  return renderPrometheusText(
    rows.map((r) => ({
      labels: { gpu: String(r.gpu_index), UUID: r.uuid, device: `nvidia${r.gpu_index}`, modelName: r.model_name, Hostname: r.hostname, cluster: cluster.name, cluster_id: clusterId, node_id: r.node_id },
      values: {
        DCGM_FI_DEV_GPU_UTIL: r.util,
        DCGM_FI_PROF_GR_ENGINE_ACTIVE: r.gr_active,
        DCGM_FI_DEV_FB_USED: r.fb_used,
        DCGM_FI_DEV_FB_FREE: r.fb_free,
        DCGM_FI_DEV_POWER_USAGE: r.power,
        DCGM_FI_DEV_GPU_TEMP: r.temp,
        DCGM_FI_DEV_XID_ERRORS: r.xid,
        DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: r.ecc_sbe,
        DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: r.ecc_dbe,
      },
    })),
  );
}
