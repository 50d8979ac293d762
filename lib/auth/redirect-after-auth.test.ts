import { describe, expect, it } from "vitest";
import { redirectAfterAuth } from "./redirect-after-auth";

// Auth.js follows its redirect callback after the SSO round trip and after sign-out: it is the
// second door an open redirect could use (issue 14).

describe("Auth.js redirect callback", () => {
  const redirect = async (url: string) => redirectAfterAuth({ url, baseUrl: "https://console.hinoki.example" });

  it("keeps paths and absolute URLs on the console", async () => {
    expect(await redirect("/hinoki-motor/clusters?x=1")).toBe("https://console.hinoki.example/hinoki-motor/clusters?x=1");
    expect(await redirect("https://console.hinoki.example/staff")).toBe("https://console.hinoki.example/staff");
  });

  it.each(["/\\evil.example/", "//evil.example/", "https://evil.example/", "/.//evil.example/", "/\t/evil.example"])("never leaves the console for %j", async (url) => {
    const target = await redirect(url);
    expect(new URL(target).host).toBe("console.hinoki.example");
    expect(target).toMatch(/^https:\/\/console\.hinoki\.example\/(?![/\\])/);
  });
});
