import { z } from "zod";
import { IdParam, OrgIdParams, OrgParams, OrgUserParams, TokenParams } from "../../params";
import { ApiToken, CreateApiTokenInput, CreatedApiToken } from "@/lib/domain/api-tokens";
import { AuditEvent, AuditExportQuery, AuditQuery } from "@/lib/domain/audit";
import { ListQuery, page } from "@/lib/domain/common";
import { UpdateMeInput } from "@/lib/domain/me";
import { EmailPreferences, UpdateEmailPreferencesInput } from "@/lib/domain/notification-routing";
import { Overview } from "@/lib/domain/overview";
import { AcceptedInvitation, CreateAccountFromInvitationInput, ReceivedInvitation } from "@/lib/domain/invitations";
import { CreateInvitationInput, CreateOrgInput, Invitation, Me, Member, Org, UpdateMemberInput, UpdateOrgInput } from "@/lib/domain/orgs";
import { shownOnce } from "../shown-once";
import type { ApiOperation } from "../types";

const InvitationIdParams = z.object({ id: IdParam });

export const foundationOperations: ApiOperation[] = [
  { method: "get", path: "/api/health", operationId: "getHealth", summary: "Health of the console and what it depends on", tag: "Health", auth: "public", responses: { 200: { description: "All components up" }, 503: { description: "A component is down" } } },
  { method: "get", path: "/api/ping", operationId: "ping", summary: "Liveness: constant JSON, no auth, no database", tag: "Health", auth: "public", responses: { 200: { description: "Alive" } } },
  { method: "get", path: "/api/v1/me", operationId: "getMe", summary: "The caller: user, memberships with roles, staff role", tag: "Identity", responses: { 200: { description: "The principal", schema: Me } } },
  { method: "patch", path: "/api/v1/me", operationId: "updateMe", summary: "Change your name or language", tag: "Identity", body: UpdateMeInput, responses: { 200: { description: "Updated", schema: Me } } },
  { method: "get", path: "/api/v1/me/notification-preferences", operationId: "getEmailPreferences", summary: "Which notification categories also come by e-mail", tag: "Identity", responses: { 200: { description: "Preferences", schema: EmailPreferences } } },
  { method: "put", path: "/api/v1/me/notification-preferences", operationId: "updateEmailPreferences", summary: "Choose per category whether notifications come by e-mail", tag: "Identity", body: UpdateEmailPreferencesInput, responses: { 200: { description: "Saved", schema: EmailPreferences } } },
  { method: "get", path: "/api/v1/orgs", operationId: "listOrgs", summary: "Organizations the caller belongs to", tag: "Organizations", responses: { 200: { description: "Organizations", schema: page(Org) } } },
  { method: "post", path: "/api/v1/orgs", operationId: "createOrg", summary: "Create an organization (you become its owner)", tag: "Organizations", body: CreateOrgInput, idempotent: true, responses: { 201: { description: "Created", schema: Org } } },
  { method: "get", path: "/api/v1/orgs/{org}", operationId: "getOrg", summary: "Organization profile", tag: "Organizations", params: OrgParams, responses: { 200: { description: "Profile", schema: Org } } },
  { method: "patch", path: "/api/v1/orgs/{org}", operationId: "updateOrg", summary: "Update legal names, 法人番号, billing address, contact", tag: "Organizations", params: OrgParams, body: UpdateOrgInput, responses: { 200: { description: "Updated", schema: Org } } },
  { method: "get", path: "/api/v1/orgs/{org}/overview", operationId: "getOverview", summary: "The org at a glance: resources, GPUs against quota, spend, residency, requests, latest operations and audit (parts your role may not see are null)", tag: "Organizations", params: OrgParams, responses: { 200: { description: "Overview", schema: Overview } } },
  { method: "get", path: "/api/v1/orgs/{org}/members", operationId: "listMembers", summary: "Members and their roles", tag: "Members", params: OrgParams, responses: { 200: { description: "Members", schema: page(Member) } } },
  { method: "patch", path: "/api/v1/orgs/{org}/members/{userId}", operationId: "updateMember", summary: "Change a member's role (never the last owner)", tag: "Members", params: OrgUserParams, body: UpdateMemberInput, responses: { 200: { description: "Updated" } } },
  { method: "delete", path: "/api/v1/orgs/{org}/members/{userId}", operationId: "removeMember", summary: "Remove a member (never the last owner)", tag: "Members", params: OrgUserParams, responses: { 204: { description: "Removed" } } },
  { method: "get", path: "/api/v1/orgs/{org}/invitations", operationId: "listInvitations", summary: "Invitations and their status", tag: "Members", params: OrgParams, responses: { 200: { description: "Invitations", schema: page(Invitation) } } },
  { method: "post", path: "/api/v1/orgs/{org}/invitations", operationId: "createInvitation", summary: "Invite someone by e-mail: the link goes to their mailbox only, never in this response; they join when they accept", tag: "Members", params: OrgParams, body: CreateInvitationInput, idempotent: true, responses: { 201: { description: "Invited (e-mail queued)", schema: Invitation } } },
  { method: "delete", path: "/api/v1/orgs/{org}/invitations/{id}", operationId: "revokeInvitation", summary: "Revoke a pending invitation", tag: "Members", params: OrgIdParams, responses: { 204: { description: "Revoked" } } },
  { method: "post", path: "/api/v1/invitations/{token}/account", operationId: "createAccountFromInvitation", summary: "Create your password account with the invitation link mailed to you (the link proves the address); it joins nothing until you accept", tag: "Members", auth: "public", params: TokenParams, body: CreateAccountFromInvitationInput, responses: { 201: { description: "Account created; sign in with it" }, 404: { description: "No open invitation for this link" }, 409: { description: "An account exists for this address: sign in" } } },
  { method: "get", path: "/api/v1/me/invitations", operationId: "listMyInvitations", summary: "Open invitations to your e-mail address, with the inviting org's legal names and 法人番号", tag: "Identity", responses: { 200: { description: "Invitations", schema: page(ReceivedInvitation) } } },
  { method: "post", path: "/api/v1/me/invitations/{id}/accept", operationId: "acceptInvitation", summary: "Accept an invitation to your address: you join the org with its role (people only, not API tokens)", tag: "Identity", params: InvitationIdParams, responses: { 200: { description: "Joined", schema: AcceptedInvitation }, 422: { description: "Already answered, revoked or expired" } } },
  { method: "post", path: "/api/v1/me/invitations/{id}/decline", operationId: "declineInvitation", summary: "Decline an invitation to your address", tag: "Identity", params: InvitationIdParams, responses: { 204: { description: "Declined" }, 422: { description: "Already answered, revoked or expired" } } },
  { method: "get", path: "/api/v1/orgs/{org}/api-tokens", operationId: "listApiTokens", summary: "API tokens (prefix only, never the secret)", tag: "API tokens", params: OrgParams, responses: { 200: { description: "Tokens", schema: page(ApiToken) } } },
  { method: "post", path: "/api/v1/orgs/{org}/api-tokens", operationId: "createApiToken", summary: "Create an API token; the secret is in this response only", tag: "API tokens", params: OrgParams, body: CreateApiTokenInput, idempotent: true, responses: { 201: { description: "Created", schema: shownOnce(CreatedApiToken, "secret") } } },
  { method: "delete", path: "/api/v1/orgs/{org}/api-tokens/{id}", operationId: "revokeApiToken", summary: "Revoke an API token", tag: "API tokens", params: OrgIdParams, responses: { 204: { description: "Revoked" } } },
  { method: "get", path: "/api/v1/orgs/{org}/audit-events", operationId: "listAuditEvents", summary: "Audit log, newest first, filterable by actor, action and date", tag: "Audit", params: OrgParams, query: ListQuery.extend(AuditQuery.shape), responses: { 200: { description: "Events", schema: page(AuditEvent) } } },
  { method: "get", path: "/api/v1/orgs/{org}/audit-events/export", operationId: "exportAuditEvents", summary: "Every audit entry the filters match, as evidence: CSV (UTF-8 with BOM) or JSON, repeated staff views collapsed, action names in the caller's language; SHA-256 in Repr-Digest and X-Content-SHA256", tag: "Audit", params: OrgParams, query: AuditExportQuery, responses: { 200: { description: "CSV or JSON file", schema: z.string(), contentType: "text/csv" }, 422: { description: "More than 100,000 entries match: narrow the dates" } } },
  { method: "get", path: "/api/v1/openapi.json", operationId: "getOpenApi", summary: "This document", tag: "Meta", auth: "public", responses: { 200: { description: "OpenAPI 3.1" } } },
];
