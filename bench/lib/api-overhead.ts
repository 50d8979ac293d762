import { load, type LoadResult } from "./load";

// Issue 9 §1: an authenticated first page of the clusters list against the framework's own
// baseline (a route handler of the same build answering constant JSON, no auth, no database),
// all at 50 connections on the same server in the same run. Measured twice: with an API token
// (automation; served by the custom server's plain-Node API path) and with a session cookie
// (the browser; served by the same plain-Node path since issue 21).

export interface ApiOverhead {
  baseline: LoadResult;
  clusters: LoadResult;
  ratio: number;
  viaCookie?: LoadResult;
  cookieRatio?: number;
}

export async function measureApiOverhead(url: string, org: string, token: string, cookie?: string): Promise<ApiOverhead> {
  const path = `${url}/api/v1/orgs/${org}/clusters?limit=50`;
  const baseline = await load(`${url}/api/ping`, { seconds: 8 });
  const clusters = await load(path, { seconds: 8, headers: { authorization: `Bearer ${token}` } });
  if (clusters.non2xx > 0 || clusters.errors > 0) console.warn(`warning: ${clusters.non2xx} non-2xx, ${clusters.errors} errors in the clusters run`);
  const result: ApiOverhead = { baseline, clusters, ratio: clusters.requestsPerSecond / baseline.requestsPerSecond };
  if (cookie) {
    result.viaCookie = await load(path, { seconds: 8, headers: { cookie } });
    result.cookieRatio = result.viaCookie.requestsPerSecond / baseline.requestsPerSecond;
  }
  return result;
}
