import { describe, expect, it } from "vitest";
import { supportMailto, SUPPORT_EMAIL } from "./support";

describe("supportMailto", () => {
  it("carries the subject and every line of the body, the request id readable once decoded", () => {
    const href = supportMailto({ orgSlug: "hinoki-motors", page: "/hinoki-motors/clusters", requestId: "req_01ABC", subject: "お問い合わせ（hinoki-motors）", lines: ["組織: hinoki-motors", "リクエストID: req_01ABC"] });
    const url = new URL(href);
    expect(url.protocol).toBe("mailto:");
    expect(url.pathname).toBe(SUPPORT_EMAIL);
    expect(url.searchParams.get("subject")).toBe("お問い合わせ（hinoki-motors）");
    expect(url.searchParams.get("body")).toBe("組織: hinoki-motors\r\nリクエストID: req_01ABC");
    // Spaces are %20, not "+": mail clients show a "+" literally.
    expect(supportMailto({ orgSlug: "o", page: "/", requestId: null, subject: "a b", lines: [] })).toContain("subject=a%20b");
  });
});
