"use client";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { QuotaRequestsPanel } from "./quota-requests-panel";

type Status = "pending" | "approved" | "rejected";

/** The quota request list with its status filter kept in the URL (?status=…). */
export function QuotaQueue({ org }: { org?: string }) {
  const search = useSearchParams();
  const raw = search.get("status");
  const status: Status = raw === "approved" || raw === "rejected" ? raw : "pending";
  const change = (next: Status) => replaceAddressQuery({ status: next === "pending" ? null : next }, org ? "#quota-requests" : "");
  return <QuotaRequestsPanel org={org} status={status} onStatusChange={change} />;
}
