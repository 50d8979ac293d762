import { expect, ORG, signIn, test, USERS } from "../fixtures";

// Issue 21: the header search's dialog is code the first paint does not carry; on the first 「/」
// in a tab it is fetched then. A person who presses 「/」 and types at once must find every key in
// the search box. The journey holds the page's script chunks back until the keys are typed, so the
// dialog's code arrives only afterwards, however fast this machine is.

test("keys typed right after the first 「/」, before the search's code has arrived, are all in the search box", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}`);
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("load");

  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route("**/_next/static/chunks/**", async (route) => {
    held.push(route.request().url());
    await gate;
    await route.continue();
  });

  await page.keyboard.press("/");
  await page.keyboard.type("prod-tra");
  await expect.poll(() => held.length, { message: "the search's code was requested and held back" }).toBeGreaterThan(0);
  release();

  const box = page.getByRole("combobox", { name: "検索", exact: true });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("prod-tra");
  await expect(page.getByRole("option", { name: /prod-training/ })).toBeVisible();
  // Typing goes on in the box itself.
  await page.keyboard.type("ining");
  await expect(box).toHaveValue("prod-training");
});

// The same before the page's own code has run at all: the header is drawn by the server and a
// person may press 「/」 while the scripts are still on their way (CI caught the key lost so).
// Every script chunk (not the style sheets) is held back from the start, so the keys land before
// hydration.
test("「/」 and the keys after it, pressed before the page's code has run, open the search with them", async ({ page }) => {
  await signIn(page, USERS.owner);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    if (route.request().resourceType() === "script") await gate;
    await route.continue();
  });
  await page.goto(`/${ORG}`, { waitUntil: "commit" });
  await page.locator("main h1").first().waitFor();

  await page.keyboard.press("/");
  await page.keyboard.type("prod-tra");
  release();

  const box = page.getByRole("combobox", { name: "検索", exact: true });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("prod-tra");
  await expect(page.getByRole("option", { name: /prod-training/ })).toBeVisible();
});
