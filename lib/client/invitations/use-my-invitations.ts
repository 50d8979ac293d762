import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AcceptedInvitation, ReceivedInvitation } from "@/lib/domain/invitations";
import { apiFetch } from "../api-fetch";
import { invitationKeys } from "./keys";

type Page<T> = { items: T[]; nextCursor: string | null };

export function useMyInvitations(initialData?: ReceivedInvitation[]) {
  return useQuery({ queryKey: invitationKeys.mine(), initialData, queryFn: () => apiFetch<Page<ReceivedInvitation>>("/api/v1/me/invitations").then((p) => p.items) });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: "accept" | "decline" }) =>
      apiFetch<AcceptedInvitation | undefined>(`/api/v1/me/invitations/${encodeURIComponent(id)}/${answer}`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: invitationKeys.mine() }),
  });
}
