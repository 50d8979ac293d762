import http from "node:http";
import { readFileSync } from "node:fs";

// Issue 21: what an idle console costs the server. 200 signed-in tabs sit on the overview; the
// server's CPU (user + system, from /proc) is measured over a window, against the same server
// with no tabs in the same run. Two ways to keep the tabs current: the live stream (one
// server-sent-events connection per tab, what the console does now) and the polling it replaced
// (each tab fetching the overview every 20 s and the bell's notifications every 30 s).

const CLOCK_TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function cpuPercentOver(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return Math.round(((cpuSeconds(pid) - before) / seconds) * 1000) / 10;
}

export interface IdleTabsResult {
  tabs: number;
  seconds: number;
  noTabsCpuPercent: number;
  liveCpuPercent: number;
  liveStreamsOpen: number;
  pollingCpuPercent: number;
  pollingRequests: number;
}

export async function measureIdleTabs(options: { url: string; pid: number; org: string; cookie: string; tabs?: number; seconds?: number }): Promise<IdleTabsResult> {
  const tabs = options.tabs ?? 200;
  const seconds = options.seconds ?? 20;
  const { hostname, port } = new URL(options.url);
  const noTabsCpuPercent = await cpuPercentOver(options.pid, seconds);

  // Live: one open stream per tab.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const requests: http.ClientRequest[] = [];
  let open = 0;
  await Promise.all(
    Array.from({ length: tabs }, () =>
      new Promise<void>((resolve) => {
        const req = http.get({ hostname, port, path: `/api/v1/orgs/${options.org}/events`, headers: { cookie: options.cookie, accept: "text/event-stream" }, agent }, (res) => {
          if (res.statusCode === 200) open++;
          res.on("data", () => undefined);
          resolve();
        });
        req.on("error", () => resolve());
        requests.push(req);
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 3000));
  const liveCpuPercent = await cpuPercentOver(options.pid, seconds);
  for (const req of requests) req.destroy();
  agent.destroy();

  // Polling, as before: each tab's overview every 20 s and notifications every 30 s, spread out.
  let pollingRequests = 0;
  const timers: NodeJS.Timeout[] = [];
  const get = (path: string) => {
    pollingRequests++;
    http.get({ hostname, port, path, headers: { cookie: options.cookie } }, (res) => res.resume()).on("error", () => undefined);
  };
  for (let i = 0; i < tabs; i++) {
    const offset = Math.random();
    timers.push(setTimeout(() => timers.push(setInterval(() => get(`/api/v1/orgs/${options.org}/overview`), 20_000)), offset * 20_000));
    timers.push(setTimeout(() => timers.push(setInterval(() => get(`/api/v1/orgs/${options.org}/notifications?limit=20`), 30_000)), offset * 30_000));
  }
  // The first full window starts once every tab has begun its cycle.
  await new Promise((r) => setTimeout(r, 30_000));
  pollingRequests = 0;
  const pollingCpuPercent = await cpuPercentOver(options.pid, seconds);
  for (const t of timers) {
    clearTimeout(t);
    clearInterval(t);
  }

  return { tabs, seconds, noTabsCpuPercent, liveCpuPercent, liveStreamsOpen: open, pollingCpuPercent, pollingRequests };
}
