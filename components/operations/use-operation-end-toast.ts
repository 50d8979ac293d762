"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useToast } from "@/components/ui/toaster";
import { api, ok } from "@/lib/client/api";
import { isOpen } from "@/lib/client/operations/use-operations";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { useOperationWords } from "./use-operation-words";

/**
 * A toast when the operation a resource page was following ends. `current` is the resource's
 * open operation as its own poll sees it; once it is no longer open (finished, or gone from the
 * resource), the operation is read afresh so the toast says how it really ended.
 */
export function useOperationEndToast(slug: string, current: ConsoleOperation | null | undefined): void {
  const t = useTranslations("operations");
  const words = useOperationWords();
  const toast = useToast();
  const followed = useRef<string | null>(null);
  const openId = current && isOpen(current) ? current.id : null;
  useEffect(() => {
    const ended = followed.current;
    followed.current = openId;
    if (!ended || ended === openId) return;
    void ok<ConsoleOperation>(api.GET("/api/v1/orgs/{org}/operations/{id}", { params: { path: { org: slug, id: ended } } }))
      .then((op) => {
        if (op.status === "succeeded") toast.success(t("done", { kind: words.kind(op.kind) }));
        else if (op.status === "failed" || op.status === "cancelled") toast.error(t("failed", { kind: words.kind(op.kind), message: op.error?.message ?? words.status(op.status) }));
      })
      .catch(() => undefined);
  }, [openId, slug, t, toast, words]);
}
