import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Checks every console page must pass, usable from any journey (soft: a journey walking many
// pages reports every page that fails, then fails):
//   await expectAccessible(page);   // axe-core: no serious or critical violation
//   await expectFitsWindow(page);   // nothing pushes the page wider than the window

/** Runs axe-core on the page as it is and fails on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    // Experimental in axe-core, and the one the shell failed (a visible name that differs from
    // the accessible name breaks voice control: "click アカウントメニュー" when the button says a name).
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`);
  expect.soft(serious, `axe-core serious/critical violations on ${label}`).toEqual([]);
}

/** The page is no wider than its window: no element forces sideways scrolling of the whole page. */
export async function expectFitsWindow(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // Name the widest elements that stick out, so a failure says what to fix.
    const culprits = Array.from(document.querySelectorAll("body *"))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter(({ right }) => right > innerWidth + 1)
      .slice(-3)
      .map(({ el, right }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).slice(0, 60)} → ${Math.round(right)}px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
  });
  expect.soft(scrollWidth, `${label} is ${scrollWidth}px wide in a ${innerWidth}px window: ${culprits.join("; ")}`).toBeLessThanOrEqual(innerWidth);
}
