import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { archivePolicyEn, archivePolicyJa } from "@/lib/domain/billing";
import { orgContext } from "../access/org-context";

/** The 事務処理規程 with the org's legal names filled in, as a Markdown document to adopt and keep. */
export async function getArchivePolicy(principal: Principal, slug: string, lang: "ja" | "en"): Promise<{ filename: string; body: string }> {
  const { access } = await orgContext(principal, slug, "billing.read");
  const parties = { orgNameJa: access.org.legalNameJa, orgNameEn: access.org.legalNameEn };
  return { filename: `jimu-shori-kitei-${slug}-${lang}.md`, body: lang === "ja" ? archivePolicyJa(parties) : archivePolicyEn(parties) };
}
