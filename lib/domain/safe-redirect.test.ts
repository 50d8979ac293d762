import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect";

// Where the browser goes after sign-in comes from the URL (?callbackUrl=…), which anyone can
// write into a link: it must never leave the console (issue 14, open redirect).

describe("sameOriginPath", () => {
  it.each([
    "/\\evil.example/",
    "/%5Cevil.example/".replace("%5C", "\\"), // what searchParams decodes %5C into
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "//%65vil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
  ])("refuses %j", (target) => {
    expect(sameOriginPath(target)).toBe("/");
  });

  it("never yields a path a browser reads as another host, after dot segments too", () => {
    for (const target of ["/.//evil.example", "/..//evil.example", "/./\\evil.example", "/%2e//evil.example"]) {
      const path = sameOriginPath(target);
      expect(new URL(path, "https://console.hinoki.example").host).toBe("console.hinoki.example");
      expect(path).not.toMatch(/^\/[/\\]/);
    }
  });

  it("keeps the console's own paths with query and fragment", () => {
    expect(sameOriginPath("/hinoki-motor/clusters?status=running#top")).toBe("/hinoki-motor/clusters?status=running#top");
    expect(sameOriginPath("/%5Cevil.example/")).toBe("/%5Cevil.example/"); // still encoded: a path here
    expect(sameOriginPath("/invite/abc")).toBe("/invite/abc");
  });

  it("accepts an absolute URL only on the given origin", () => {
    expect(sameOriginPath("https://console.hinoki.example/staff", "https://console.hinoki.example")).toBe("/staff");
    expect(sameOriginPath("https://console.hinoki.example.evil/x", "https://console.hinoki.example")).toBe("/");
    expect(sameOriginPath("http://console.hinoki.example/x", "https://console.hinoki.example")).toBe("/");
  });

  it("falls back on missing, repeated or absurd values", () => {
    expect(sameOriginPath(undefined)).toBe("/");
    expect(sameOriginPath(["/a", "/b"])).toBe("/a");
    expect(sameOriginPath("/" + "a".repeat(5000))).toBe("/");
  });
});
