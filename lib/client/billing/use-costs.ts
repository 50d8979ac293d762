import { useQuery } from "@tanstack/react-query";
import type { CostGroupByParam, CostReport, MonthToDateReport, UsageReport } from "@/lib/domain/billing-api";
import { api, ok } from "../api";
import { billingKeys, billingPath } from "./keys";

/** This month's spend and forecast; `pollMs` keeps it live while resources run; `initialData` as a server page rendered it. */
export function useMonthToDate(slug: string, pollMs: number | false = false, initialData?: MonthToDateReport) {
  return useQuery({
    queryKey: billingKeys.monthToDate(slug),
    queryFn: ({ signal }) => ok<MonthToDateReport>(api.GET("/api/v1/orgs/{org}/costs/month-to-date", { params: { path: { org: slug } }, signal })),
    initialData,
    refetchInterval: pollMs,
  });
}

export function useCosts(slug: string, query: { from: string; to: string; groupBy: CostGroupByParam; costCenter?: string }, pollMs: number | false = false) {
  const params: Record<string, string> = { from: query.from, to: query.to, groupBy: query.groupBy, ...(query.costCenter ? { costCenter: query.costCenter } : {}) };
  return useQuery({
    queryKey: billingKeys.costs(slug, params),
    queryFn: ({ signal }) => ok<CostReport>(api.GET("/api/v1/orgs/{org}/costs", { params: { path: { org: slug }, query: params }, signal })),
    refetchInterval: pollMs,
    placeholderData: (previous) => previous,
  });
}

export function useUsage(slug: string, query: { from: string; to: string }, pollMs: number | false = false) {
  const params = { from: query.from, to: query.to };
  return useQuery({
    queryKey: billingKeys.usage(slug, params),
    queryFn: ({ signal }) => ok<UsageReport>(api.GET("/api/v1/orgs/{org}/usage", { params: { path: { org: slug }, query: params }, signal })),
    refetchInterval: pollMs,
    placeholderData: (previous) => previous,
  });
}

/** Where the browser downloads the FOCUS export of JST days [from, to). */
export function focusExportUrl(slug: string, from: string, to: string): string {
  return billingPath(slug, `costs?${new URLSearchParams({ format: "focus-csv", from, to })}`);
}
