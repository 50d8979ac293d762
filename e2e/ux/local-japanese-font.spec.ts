import type { Browser } from "@playwright/test";
import { expect, ORG, signIn, test, USERS } from "../fixtures";
import { launchWithJapaneseFont, type JapaneseFont } from "../local-fonts";

// Issue 21: the console's font stack puts the machine's own Japanese font first and our web font
// after it. A person whose machine has a Japanese font downloads no font at all; a person whose
// machine has none still reads every character, drawn by the console's own font from its own host.
// The same cold visit of the overview in both cases (Chromium's own record of the fonts it drew
// the heading with, and every font file the page asked for).

interface Visit {
  fontRequests: string[];
  /** FontFace rules the page started loading (status other than "unloaded"). */
  facesLoaded: string[];
  /** The fonts Chromium drew the page's heading with, and whether each was a web font. */
  headingFonts: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }>;
  headingText: string;
}

async function coldVisitOfOverview(browser: Browser, baseURL: string): Promise<Visit> {
  // Sign in in one profile, visit in a fresh one: the sign-in page's fonts must not be cached.
  const signingIn = await browser.newContext({ baseURL, locale: "ja-JP" });
  const signInPage = await signingIn.newPage();
  await signIn(signInPage, USERS.owner);
  const storageState = await signingIn.storageState();
  await signingIn.close();

  const context = await browser.newContext({ baseURL, locale: "ja-JP", storageState });
  const page = await context.newPage();
  const fontRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "font") fontRequests.push(request.url());
  });
  await page.goto(`/${ORG}`);
  const heading = page.locator("main h1").first();
  await heading.waitFor();
  const facesLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status !== "unloaded").map((f) => `${f.family} ${f.weight}`);
  });
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  await cdp.send("CSS.enable");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "main h1" });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  const headingText = (await heading.textContent()) ?? "";
  await context.close();
  return { fontRequests, facesLoaded, headingFonts: fonts, headingText };
}

async function visitWith(japanese: JapaneseFont, baseURL: string, dir: string): Promise<Visit> {
  const browser = await launchWithJapaneseFont(japanese, dir);
  try {
    return await coldVisitOfOverview(browser, baseURL);
  } finally {
    await browser.close();
  }
}

test("with a Japanese font on the machine, the overview draws with it and downloads no font", async ({ baseURL }, testInfo) => {
  const visit = await visitWith("installed", baseURL!, testInfo.outputPath("fonts"));
  expect(visit.headingText).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  expect(visit.headingFonts.map((f) => f.familyName)).toEqual(["Noto Sans JP"]);
  expect(visit.headingFonts.every((f) => !f.isCustomFont)).toBe(true);
  expect(visit.facesLoaded).toEqual([]);
  expect(visit.fontRequests).toEqual([]);
});

test("without a Japanese font, every character comes from the console's own font files on its own host", async ({ baseURL }, testInfo) => {
  const visit = await visitWith("none", baseURL!, testInfo.outputPath("fonts"));
  expect(visit.headingText).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  // Drawn wholly by the web fonts (Chromium names a web font by the family inside its file, so
  // "custom" is what tells ours apart): no character of the heading fell through to a system font
  // without Japanese glyphs (tofu).
  expect(visit.headingFonts.length).toBeGreaterThan(0);
  for (const font of visit.headingFonts) expect(font, "a web font drew it").toMatchObject({ isCustomFont: true });
  expect(visit.fontRequests.length).toBeGreaterThan(0);
  const console = new URL(baseURL!).host;
  for (const url of visit.fontRequests) expect(new URL(url).host).toBe(console);
});
