import "server-only";
import { getDb } from "@/lib/db/client";
import { checkInvoiceAgainstChain, getInvoice, verifyInvoiceChain } from "@/lib/billing";
import type { Principal } from "@/lib/auth/principal";
import type { InvoiceChainCheck, InvoiceChainVerification } from "@/lib/domain/billing-api";
import { orgContext } from "../access/org-context";

// Verification of the archive's hash chain: the whole chain (anyone signed in may ask — it is
// evidence about the archive they rely on; other customers' documents show only as a sequence
// number and a reason), and one invoice against its entry (billing.read in its org).

function redact(result: Awaited<ReturnType<typeof verifyInvoiceChain>>, visibleOrgIds: ReadonlySet<string> | "all", now: Date): InvoiceChainVerification {
  return {
    valid: result.valid,
    entries: result.entries,
    headHash: result.headHash,
    verifiedAt: now.toISOString(),
    problems: result.problems.map((p) => {
      const visible = visibleOrgIds === "all" || visibleOrgIds.has(p.orgId);
      return { seq: p.seq, reason: p.reason, invoiceId: visible ? p.invoiceId : null, invoiceNumber: visible ? p.invoiceNumber : null };
    }),
  };
}

export async function verifyChainFor(principal: Principal, now: Date = new Date()): Promise<InvoiceChainVerification> {
  const db = await getDb();
  const result = await verifyInvoiceChain(db);
  const visible = principal.staffRole === "platform_admin" ? "all" : new Set(principal.memberships.filter((m) => m.role === "owner" || m.role === "admin" || m.role === "billing").map((m) => m.orgId));
  return redact(result, visible, now);
}

export async function checkInvoiceChain(principal: Principal, slug: string, invoiceId: string, now: Date = new Date()): Promise<InvoiceChainCheck> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  await getInvoice(db, orgId, invoiceId); // 404 unless the invoice is this org's
  const check = await checkInvoiceAgainstChain(db, invoiceId);
  const chain = redact(await verifyInvoiceChain(db), new Set([orgId]), now);
  return {
    invoiceId,
    entry: check.entry
      ? { seq: check.entry.seq, invoiceId: check.entry.invoiceId, invoiceNumber: check.entry.invoiceNumber, documentSha256: check.entry.documentSha256, pdfSha256: check.entry.pdfSha256, prevHash: check.entry.prevHash, entryHash: check.entry.entryHash, recordedAt: check.entry.recordedAt.toISOString() }
      : null,
    documentSha256Now: check.documentSha256Now,
    pdfSha256Now: check.pdfSha256Now,
    documentMatches: check.documentMatches,
    pdfMatches: check.pdfMatches,
    entryHashValid: check.entryHashValid,
    linked: check.linked,
    chain,
  };
}
