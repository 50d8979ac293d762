import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AcceptedInvitation, ReceivedInvitation } from "@/lib/domain/invitations";
import { api, ok } from "../api";
import { invitationKeys } from "./keys";
import type { Page } from "@/lib/domain/cursor";


export function useMyInvitations(initialData?: ReceivedInvitation[]) {
  return useQuery({ queryKey: invitationKeys.mine(), initialData, queryFn: () => ok<Page<ReceivedInvitation>>(api.GET("/api/v1/me/invitations")).then((p) => p.items) });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: "accept" | "decline" }) =>
      answer === "accept"
        ? ok<AcceptedInvitation | undefined>(api.POST("/api/v1/me/invitations/{id}/accept", { params: { path: { id } } }))
        : ok<AcceptedInvitation | undefined>(api.POST("/api/v1/me/invitations/{id}/decline", { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: invitationKeys.mine() }),
  });
}
