import { load, type LoadResult } from "./load";

// Issue 9 §1: an authenticated first page of the clusters list against the framework's own
// baseline (a route handler of the same build answering constant JSON, no auth, no database),
// both at 50 connections on the same server in the same run.

export interface ApiOverhead {
  baseline: LoadResult;
  clusters: LoadResult;
  ratio: number;
}

export async function measureApiOverhead(url: string, org: string, token: string): Promise<ApiOverhead> {
  const baseline = await load(`${url}/api/ping`, { seconds: 8 });
  const clusters = await load(`${url}/api/v1/orgs/${org}/clusters?limit=50`, { seconds: 8, headers: { authorization: `Bearer ${token}` } });
  if (clusters.non2xx > 0 || clusters.errors > 0) console.warn(`warning: ${clusters.non2xx} non-2xx, ${clusters.errors} errors in the clusters run`);
  return { baseline, clusters, ratio: clusters.requestsPerSecond / baseline.requestsPerSecond };
}
