import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Invitation, Member } from "@/lib/domain/orgs";
import type { OrgRole } from "@/lib/domain/permissions";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { settingsKeys } from "./keys";

type Page<T> = { items: T[]; nextCursor: string | null };
const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}`;

export function useMembers(slug: string) {
  return useQuery({ queryKey: settingsKeys.members(slug), queryFn: () => apiFetch<Page<Member>>(`${base(slug)}/members`).then((p) => p.items) });
}

export function useInvitations(slug: string, enabled: boolean) {
  return useQuery({ queryKey: settingsKeys.invitations(slug), enabled, queryFn: () => apiFetch<Page<Invitation>>(`${base(slug)}/invitations`).then((p) => p.items) });
}

export function useUpdateMemberRole(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: OrgRole }) => apiFetch(`${base(slug)}/members/${userId}`, { method: "PATCH", body: { role } }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.members(slug) }),
  });
}

export function useRemoveMember(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch(`${base(slug)}/members/${userId}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.members(slug) }),
  });
}

export function useCreateInvitation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: OrgRole }) =>
      apiFetch<Invitation>(`${base(slug)}/invitations`, { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.invitations(slug) }),
  });
}

export function useRevokeInvitation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`${base(slug)}/invitations/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.invitations(slug) }),
  });
}
