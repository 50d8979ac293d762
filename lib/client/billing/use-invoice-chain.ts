import { useQuery } from "@tanstack/react-query";
import type { InvoiceChainVerification } from "@/lib/domain/billing-api";
import { api, ok } from "../api";

/** Verifies the archive's hash chain when asked (`enabled`), and again on each refetch. */
export function useInvoiceChainVerification(enabled: boolean) {
  return useQuery({
    queryKey: ["invoice-chain", "verify"] as const,
    queryFn: ({ signal }) => ok<InvoiceChainVerification>(api.GET("/api/v1/invoice-chain/verify", { signal })),
    enabled,
    staleTime: 0,
  });
}

/** The archive search as CSV (the same filter as the list). */
export const invoiceArchiveCsvUrl = (slug: string, filter: Record<string, string | undefined>) => {
  const params = new URLSearchParams({ format: "csv" });
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return `/api/v1/orgs/${encodeURIComponent(slug)}/invoices?${params}`;
};

export const archivePolicyUrl = (slug: string, lang: "ja" | "en") => `/api/v1/orgs/${encodeURIComponent(slug)}/invoice-archive/policy?lang=${lang}`;
