import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser } from "@playwright/test";

// Where the time between the request and the first paint goes, from Chromium's own trace (the
// events DevTools' performance panel draws): when each chunk of the HTML arrived, how long the
// main thread parsed, ran script, recalculated style and laid out before the first paint, which
// resources blocked rendering, and which element was the largest contentful paint. Times are
// milliseconds after the navigation started. `npm run bench -- trace` prints it per route.

export interface PaintTrace {
  path: string;
  /** Each chunk of the document as it arrived: time and cumulative KB (decoded). */
  htmlChunks: Array<{ atMs: number; kb: number }>;
  /** First paint of anything (the page's background), then first text or image. */
  fpMs: number;
  fcpMs: number;
  lcpMs: number;
  /** The LCP element: tag, id/class and the first characters of its text. */
  lcpElement: string;
  /** Main-thread work before the first contentful paint, by kind (ms). */
  beforeFcp: { parseHtml: number; script: number; compile: number; style: number; layout: number; paint: number; other: number; idle: number };
  /** Resources the browser marked render-blocking, with when they finished. */
  renderBlocking: Array<{ url: string; endMs: number }>;
  /** Long tasks (≥ 30 ms) before LCP: start, duration and what dominated them. */
  longTasks: Array<{ atMs: number; ms: number; top: string }>;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, unknown>;
}

const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading", "blink.user_timing", "v8.execute", "toplevel"].join(",");

const KIND: Record<string, keyof PaintTrace["beforeFcp"]> = {
  ParseHTML: "parseHtml",
  EvaluateScript: "script",
  FunctionCall: "script",
  EventDispatch: "script",
  TimerFire: "script",
  FireAnimationFrame: "script",
  RunMicrotasks: "script",
  "v8.compile": "compile",
  "v8.compileModule": "compile",
  "v8.parseOnBackground": "compile",
  CompileScript: "compile",
  UpdateLayoutTree: "style",
  ParseAuthorStyleSheet: "style",
  Layout: "layout",
  Paint: "paint",
  PrePaint: "paint",
  Layerize: "paint",
};

export async function tracePaint(browser: Browser, baseUrl: string, path: string, cookie?: string, options: { warm?: boolean } = {}): Promise<PaintTrace> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1366, height: 800 } });
  if (cookie) {
    const eq = cookie.indexOf("=");
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl }]);
  }
  try {
    // A warm visit: the same profile has loaded the page once (scripts, styles and fonts cached).
    if (options.warm) {
      const first = await context.newPage();
      await first.goto(`${baseUrl}${path}`, { waitUntil: "load" });
      await first.waitForTimeout(1000);
      await first.close();
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (e) => {
      events.push(...(e.value as unknown as TraceEvent[]));
    });
    const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
    await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
    await page.waitForTimeout(1500);
    const inPage = await page.evaluate(
      () =>
        new Promise<{ lcpElement: string; blocking: Array<{ url: string; endMs: number }> }>((resolve) => {
          let element = "";
          new PerformanceObserver((list) => {
            const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
            const el = last?.element;
            if (el) element = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.getAttribute("class") ?? "").split(/\s+/).slice(0, 4).join(".")} «${(el.textContent ?? "").trim().slice(0, 40)}»`;
          }).observe({ type: "largest-contentful-paint", buffered: true });
          const blocking = (performance.getEntriesByType("resource") as Array<PerformanceResourceTiming & { renderBlockingStatus?: string }>)
            .filter((r) => r.renderBlockingStatus === "blocking")
            .map((r) => ({ url: new URL(r.name).pathname, endMs: Math.round(r.responseEnd) }));
          setTimeout(() => resolve({ lcpElement: element, blocking }), 200);
        }),
    );
    await cdp.send("Tracing.end");
    await complete;
    // BENCH_TRACE_DIR keeps each raw trace (loadable in DevTools' performance panel).
    if (process.env.BENCH_TRACE_DIR) {
      mkdirSync(process.env.BENCH_TRACE_DIR, { recursive: true });
      writeFileSync(`${process.env.BENCH_TRACE_DIR}/${path.replace(/[^a-z0-9]+/gi, "_")}-${Date.now()}.json`, JSON.stringify({ traceEvents: events }));
    }
    return summarise(path, events, inPage.lcpElement, inPage.blocking);
  } finally {
    await context.close();
  }
}

function summarise(path: string, events: TraceEvent[], lcpElement: string, renderBlocking: PaintTrace["renderBlocking"]): PaintTrace {
  // The page's own navigation (a new tab also navigates about:blank and Chromium's own pages).
  const navStart = events.findLast((e) => e.name === "navigationStart" && String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? "").endsWith(path));
  const t0 = navStart?.ts ?? Math.min(...events.map((e) => e.ts));
  const ms = (ts: number) => Math.round((ts - t0) / 100) / 10;
  const ours = (e: TraceEvent) => e.pid === navStart?.pid && e.ts >= t0;
  const fcp = events.find((e) => e.name === "firstContentfulPaint" && ours(e));
  const lcps = events.filter((e) => e.name === "largestContentfulPaint::Candidate" && ours(e));
  const fcpTs = fcp?.ts ?? t0;
  const lcpTs = lcps.at(-1)?.ts ?? fcpTs;
  // The renderer's main thread is the one that started the navigation.
  const main = navStart ? { pid: navStart.pid, tid: navStart.tid } : null;
  const firstPaint = events.find((e) => e.name === "firstPaint" && ours(e));
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && typeof e.dur === "number");
  const beforeFcp = { parseHtml: 0, script: 0, compile: 0, style: 0, layout: 0, paint: 0, other: 0, idle: 0 };
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.ts < fcpTs && e.ts >= t0);
  let busy = 0;
  for (const task of tasks) {
    const end = Math.min(task.ts + task.dur!, fcpTs);
    busy += end - task.ts;
    // Self time per kind: the outermost event of a known kind inside the task counts, nested ones don't.
    const inner = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts < end && KIND[e.name]);
    let covered = 0;
    let lastEnd = 0;
    for (const e of inner.sort((a, b) => a.ts - b.ts)) {
      if (e.ts < lastEnd) continue;
      const d = Math.min(e.ts + e.dur!, end) - e.ts;
      beforeFcp[KIND[e.name]] += d / 1000;
      covered += d;
      lastEnd = e.ts + e.dur!;
    }
    beforeFcp.other += (end - task.ts - covered) / 1000;
  }
  beforeFcp.idle = (fcpTs - t0 - busy) / 1000;
  for (const key of Object.keys(beforeFcp) as Array<keyof typeof beforeFcp>) beforeFcp[key] = Math.round(beforeFcp[key]);

  // The document's chunks: ResourceReceivedData of the main resource's request id.
  const docSend = events.find((e) => e.name === "ResourceSendRequest" && (e.args?.data as { resourceType?: string } | undefined)?.resourceType === "Document");
  const docId = (docSend?.args?.data as { requestId?: string } | undefined)?.requestId;
  let kb = 0;
  const htmlChunks = events
    .filter((e) => e.name === "ResourceReceivedData" && (e.args?.data as { requestId?: string }).requestId === docId)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => {
      kb += Number((e.args?.data as { encodedDataLength?: number }).encodedDataLength ?? 0) / 1024;
      return { atMs: ms(e.ts), kb: Math.round(kb * 10) / 10 };
    });

  const longTasks = onMain
    .filter((e) => e.name === "RunTask" && e.dur! >= 30_000 && e.ts <= lcpTs && e.ts >= t0)
    .map((task) => {
      // Which kinds of work filled the task (nested events counted once each, by name).
      const byKind = new Map<string, number>();
      for (const e of onMain) if (e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur! && KIND[e.name]) byKind.set(e.name, (byKind.get(e.name) ?? 0) + e.dur!);
      const top = [...byKind.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, d]) => `${n} ${Math.round(d / 1000)}`).join(", ");
      return { atMs: ms(task.ts), ms: Math.round(task.dur! / 1000), top };
    });
  return { path, htmlChunks, fpMs: ms(firstPaint?.ts ?? fcpTs), fcpMs: ms(fcpTs), lcpMs: ms(lcpTs), lcpElement, beforeFcp, renderBlocking, longTasks };
}
