import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { APPROVAL_ACTIONS } from "@/lib/domain/approvals";
import { MESSAGES } from "./messages";

// The console names an approval action with t(`approvals.action.${action}`); next-intl reads the
// dot in "cluster.create" as nesting, so a flat "cluster.create" key showed the raw key on screen.
describe("approval action labels", () => {
  it.each(["ja", "en"] as const)("every action has its words in %s", (locale) => {
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "approvals", onError: () => {} , getMessageFallback: ({ key }) => `MISSING ${key}` });
    for (const action of APPROVAL_ACTIONS) expect(t(`action.${action}`)).not.toMatch(/MISSING|\./);
  });
});
