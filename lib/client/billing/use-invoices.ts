import { useInfiniteQuery } from "@tanstack/react-query";
import type { InvoiceSummaryView } from "@/lib/domain/billing-api";
import { apiFetch } from "../api-fetch";
import { billingKeys, billingPath } from "./keys";

export interface InvoiceFilter {
  issuedFrom?: string;
  issuedTo?: string;
  minTotal?: string;
  maxTotal?: string;
  counterparty?: string;
  status?: string;
}

export function useInvoices(slug: string, filter: InvoiceFilter) {
  return useInfiniteQuery({
    queryKey: billingKeys.invoices(slug, { ...filter }),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: "25" });
      for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ items: InvoiceSummaryView[]; nextCursor: string | null }>(billingPath(slug, `invoices?${params}`), { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const invoiceFileUrl = (slug: string, id: string, format: "pdf" | "csv") => billingPath(slug, `invoices/${encodeURIComponent(id)}/${format}`);
