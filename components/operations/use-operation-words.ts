"use client";
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import type { ConsoleOperation } from "@/lib/domain/operations";

/** The words for an operation, from the one catalog (operations.json): its kind, status and steps. */
export function useOperationWords() {
  const t = useTranslations("operations");
  return useMemo(
    () => ({
    kind: (kind: ConsoleOperation["kind"]) => t(`kind.${kind.replace(".", "_")}` as "kind.cluster_create"),
    status: (status: ConsoleOperation["status"]) => t(`status.${status}`),
    step: (name: string) => (t.has(`steps.${name}` as "steps.ready") ? t(`steps.${name}` as "steps.ready") : name),
    stepStatus: (status: ConsoleOperation["steps"][number]["status"]) => t(`stepStatus.${status}`),
    }),
    [t],
  );
}

/** Where an operation's resource is shown in the console. */
export function targetHref(slug: string, target: ConsoleOperation["target"], request?: ConsoleOperation["request"]): string {
  // An adapter's attach/detach is shown on the endpoint it changed (its id is in the request).
  if (target.kind === "adapter") return typeof request?.endpointId === "string" ? `/${slug}/endpoints/${request.endpointId}` : `/${slug}/operations`;
  const section = { cluster: "clusters", endpoint: "endpoints", reservation: "reservations" }[target.kind];
  return `/${slug}/${section}/${target.id}`;
}
