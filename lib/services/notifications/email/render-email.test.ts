import { describe, expect, it } from "vitest";
import { renderNotificationEmail } from "./render-email";

// The e-mail reads like the bell: counts in English agree with their number.

const approved = (approvedGpus: number) => ({
  titleKey: "quotaRequestApproved.title",
  bodyKey: "quotaRequestApproved.body",
  params: { gpuModel: "H100", regionId: "jp-tokyo-1", previousLimit: 0, approvedGpus, requestedGpus: approvedGpus },
  link: "/acme/shapes",
});

describe("renderNotificationEmail", () => {
  it("says 1 GPU and 24 GPUs in English, and keeps the Japanese wording", () => {
    expect(renderNotificationEmail(approved(1), { name: "Sato", locale: "en" }, "https://console.example").text).toContain("went from 0 to 1 GPU (requested: 1)");
    expect(renderNotificationEmail(approved(24), { name: "Sato", locale: "en" }, "https://console.example").text).toContain("to 24 GPUs (requested: 24)");
    const ja = renderNotificationEmail(approved(24), { name: "佐藤", locale: "ja" }, "https://console.example");
    expect(ja.subject).toContain("H100");
    expect(ja.text).toContain("24");
    expect(ja.text).not.toMatch(/plural|\{approvedGpus/);
  });
});
