import { useInfiniteQuery } from "@tanstack/react-query";
import type { InvoiceSummaryView } from "@/lib/domain/billing-api";
import type { operations } from "@/lib/sdk/generated/openapi";
import { api, ok } from "../api";
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
      const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
      // The form's fields are text; the server parses and validates them (a bad one is a 400).
      const query = { limit: 25, ...given, cursor: pageParam ?? undefined } as NonNullable<operations["listInvoices"]["parameters"]["query"]>;
      return ok<{ items: InvoiceSummaryView[]; nextCursor: string | null }>(api.GET("/api/v1/orgs/{org}/invoices", { params: { path: { org: slug }, query }, signal }));
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const invoiceFileUrl = (slug: string, id: string, format: "pdf" | "csv") => billingPath(slug, `invoices/${encodeURIComponent(id)}/${format}`);
