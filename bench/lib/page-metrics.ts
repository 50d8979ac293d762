import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";

// What a person's browser pays for a page, in Debian's Chromium: first-load JavaScript (gzip,
// computed from the bodies so it does not depend on whether the server compressed them), and
// where the first paint goes — time to first byte and to the whole HTML (the server's render),
// bytes on the wire per kind (JS, CSS, fonts, data) and the number of font files, the main
// thread's work (script, style and layout, from Chromium's own counters), first and largest
// contentful paint. A cold visit is a new browser profile; a warm one reloads in the same
// profile (assets cached, as for a person who comes back).

export interface PageMetrics {
  path: string;
  jsGzipKb: number;
  /** Each first-load script (path and gzip KB), largest first: which chunks make up jsGzipKb. */
  scripts: Array<{ path: string; gzipKb: number }>;
  ttfbMs: number;
  htmlMs: number;
  fcpMs: number;
  lcpMs: number;
  /** Bytes transferred (as sent, compressed or not), per resource kind. */
  transferKb: { total: number; document: number; script: number; stylesheet: number; font: number; fetch: number; other: number };
  fontFiles: number;
  /** Main-thread time in ms: JavaScript, style recalculation, layout, all tasks. */
  mainThread: { scriptMs: number; styleMs: number; layoutMs: number; taskMs: number };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

async function newContext(browser: Browser, baseUrl: string, cookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1366, height: 800 } });
  if (cookie) {
    const eq = cookie.indexOf("=");
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl }]);
  }
  return context;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function visit(context: BrowserContext, baseUrl: string, path: string): Promise<PageMetrics> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Performance.enable");
  const kinds = new Map<string, string>();
  const transfer = { total: 0, document: 0, script: 0, stylesheet: 0, font: 0, fetch: 0, other: 0 };
  let fontFiles = 0;
  cdp.on("Network.responseReceived", (e) => kinds.set(e.requestId, String(e.type).toLowerCase()));
  cdp.on("Network.loadingFinished", (e) => {
    const kind = kinds.get(e.requestId) ?? "other";
    const key = (kind === "xhr" ? "fetch" : kind) as keyof typeof transfer;
    const bytes = e.encodedDataLength / 1024;
    transfer.total += bytes;
    if (key in transfer && key !== "total") transfer[key] += bytes;
    else transfer.other += bytes;
    if (kind === "font") fontFiles++;
  });
  const scripts: Promise<{ path: string; bytes: number }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script" && response.url().startsWith(baseUrl)) {
      const scriptPath = new URL(response.url()).pathname;
      scripts.push(response.body().then((b) => ({ path: scriptPath, bytes: gzipSync(b).length })).catch(() => ({ path: scriptPath, bytes: 0 })));
    }
  });
  // "Network idle" without the tab's live stream (server-sent events stay open by design): the
  // page is settled once nothing else has been in flight for 500 ms.
  const inFlight = new Set<unknown>();
  let lastActivity = Date.now();
  page.on("request", (r) => {
    if (r.resourceType() === "eventsource") return;
    inFlight.add(r);
    lastActivity = Date.now();
  });
  const done = (r: unknown) => {
    if (inFlight.delete(r)) lastActivity = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
  const settleBy = Date.now() + 30_000;
  while (Date.now() < settleBy && (inFlight.size > 0 || Date.now() - lastActivity < 500)) await page.waitForTimeout(100);
  const timing = await page.evaluate(
    () =>
      new Promise<{ ttfb: number; html: number; fcp: number; lcp: number }>((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ ttfb: nav.responseStart - nav.requestStart, html: nav.responseEnd - nav.requestStart, fcp, lcp }), 300);
      }),
  );
  const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> };
  const metric = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? 0) * 1000);
  const sizes = await Promise.all(scripts);
  await page.close();
  return {
    path,
    jsGzipKb: round(sizes.reduce((a, b) => a + b.bytes, 0) / 1024),
    scripts: sizes.map((s) => ({ path: s.path, gzipKb: round(s.bytes / 1024) })).sort((a, b) => b.gzipKb - a.gzipKb),
    ttfbMs: Math.round(timing.ttfb),
    htmlMs: Math.round(timing.html),
    fcpMs: Math.round(timing.fcp),
    lcpMs: Math.round(timing.lcp),
    transferKb: Object.fromEntries(Object.entries(transfer).map(([k, v]) => [k, round(v)])) as PageMetrics["transferKb"],
    fontFiles,
    mainThread: { scriptMs: metric("ScriptDuration"), styleMs: metric("RecalcStyleDuration"), layoutMs: metric("LayoutDuration"), taskMs: metric("TaskDuration") },
  };
}

/** A cold visit: a new browser profile, nothing cached. */
export async function measurePage(browser: Browser, baseUrl: string, path: string, cookie?: string): Promise<PageMetrics> {
  const context = await newContext(browser, baseUrl, cookie);
  try {
    return await visit(context, baseUrl, path);
  } finally {
    await context.close();
  }
}

/** A warm visit: the same page again in a profile that has loaded it once (cached assets). */
export async function measureWarmPage(browser: Browser, baseUrl: string, path: string, cookie?: string): Promise<PageMetrics> {
  const context = await newContext(browser, baseUrl, cookie);
  try {
    await visit(context, baseUrl, path);
    return await visit(context, baseUrl, path);
  } finally {
    await context.close();
  }
}
