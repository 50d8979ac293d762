import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Invitation, Member } from "@/lib/domain/orgs";
import type { OrgRole } from "@/lib/domain/permissions";
import { api, ok } from "../api";
import { settingsKeys } from "./keys";
import type { Page } from "@/lib/domain/cursor";


/** `initialData`: the members the server page rendered, so the first paint shows them (not placeholders). */
export function useMembers(slug: string, initialData?: Member[]) {
  return useQuery({ queryKey: settingsKeys.members(slug), queryFn: () => ok<Page<Member>>(api.GET("/api/v1/orgs/{org}/members", { params: { path: { org: slug } } })).then((p) => p.items), initialData });
}

export function useInvitations(slug: string, enabled: boolean) {
  return useQuery({ queryKey: settingsKeys.invitations(slug), enabled, queryFn: () => ok<Page<Invitation>>(api.GET("/api/v1/orgs/{org}/invitations", { params: { path: { org: slug } } })).then((p) => p.items) });
}

export function useUpdateMemberRole(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: OrgRole }) => ok(api.PATCH("/api/v1/orgs/{org}/members/{userId}", { params: { path: { org: slug, userId } }, body: { role } })),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.members(slug) }),
  });
}

export function useRemoveMember(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => ok(api.DELETE("/api/v1/orgs/{org}/members/{userId}", { params: { path: { org: slug, userId } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.members(slug) }),
  });
}

export function useCreateInvitation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: OrgRole }) =>
      ok<Invitation>(api.POST("/api/v1/orgs/{org}/invitations", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.invitations(slug) }),
  });
}

export function useRevokeInvitation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/invitations/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.invitations(slug) }),
  });
}
