import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";

// What a person's browser pays for a page: first-load JavaScript (gzip, computed from the bodies
// so it does not depend on whether the server compressed them), time to first byte and largest
// contentful paint, in Debian's Chromium.

export interface PageMetrics {
  path: string;
  jsGzipKb: number;
  ttfbMs: number;
  lcpMs: number;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function measurePage(browser: Browser, baseUrl: string, path: string, cookie?: string): Promise<PageMetrics> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1366, height: 800 } });
  if (cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: baseUrl }]);
  }
  const page = await context.newPage();
  const scripts: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script" && response.url().startsWith(baseUrl)) {
      scripts.push(response.body().then((b) => gzipSync(b).length).catch(() => 0));
    }
  });
  await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
  const timing = await page.evaluate(
    () =>
      new Promise<{ ttfb: number; lcp: number }>((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ ttfb: nav.responseStart - nav.requestStart, lcp }), 300);
      }),
  );
  const sizes = await Promise.all(scripts);
  await context.close();
  return { path, jsGzipKb: Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10, ttfbMs: Math.round(timing.ttfb), lcpMs: Math.round(timing.lcp) };
}
