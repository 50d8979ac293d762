"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { QuotaRequestsPanel } from "./quota-requests-panel";

type Status = "pending" | "approved" | "rejected";

/** The quota request list with its status filter kept in the URL (?status=…). */
export function QuotaQueue({ org }: { org?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const raw = search.get("status");
  const status: Status = raw === "approved" || raw === "rejected" ? raw : "pending";
  const change = (next: Status) => {
    const params = new URLSearchParams(search.toString());
    if (next === "pending") params.delete("status");
    else params.set("status", next);
    router.replace(`${pathname}${params.size ? `?${params}` : ""}${org ? "#quota-requests" : ""}`, { scroll: false });
  };
  return <QuotaRequestsPanel org={org} status={status} onStatusChange={change} />;
}
