import { z } from "zod";
import { OrgIdParams, OrgParams, SlugParam } from "../../params";
import { CreateIdentityProviderInput, IdentityProvider, IdentityProviderList, OrgDomain, SignInDiscovery, SignInDiscoveryInput, UpdateIdentityProviderInput, VerifyOrgDomainInput } from "@/lib/domain/sso";
import type { ApiOperation } from "../types";

// Single sign-on per organization (issue 14): verified e-mail domains (staff), the org's own
// OpenID Connect providers (owner), and home-realm discovery for the sign-in page.

const SSO = "Single sign-on";
const staffOnly = "Staff only (customers get 404); an account manager sees only their assigned accounts. Audited in the org's log (as staff) and in the staff log.";

export const ssoOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/staff/accounts/{org}/domains",
    operationId: "listOrgDomains",
    summary: `The e-mail domains verified as the org's. ${staffOnly}`,
    tag: SSO,
    params: OrgParams,
    responses: { 200: { description: "Domains", schema: z.object({ items: z.array(OrgDomain) }) } },
  },
  {
    method: "post",
    path: "/api/v1/staff/accounts/{org}/domains",
    operationId: "verifyOrgDomain",
    summary: `Record a domain as verified for the org (checked out of band). Refused for shared mailbox providers, domains with provider staff, and domains another org holds. ${staffOnly}`,
    tag: SSO,
    params: OrgParams,
    body: VerifyOrgDomainInput,
    idempotent: true,
    responses: { 201: { description: "Verified", schema: OrgDomain }, 409: { description: "Already verified for an organization" }, 422: { description: "Not a domain that can belong to one org (details.reason)" } },
  },
  {
    method: "delete",
    path: "/api/v1/staff/accounts/{org}/domains/{domain}",
    operationId: "removeOrgDomain",
    summary: `Withdraw a verified domain; its people sign in with a password again. ${staffOnly}`,
    tag: SSO,
    params: z.object({ org: SlugParam, domain: z.string() }),
    responses: { 204: { description: "Removed" } },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/identity-providers",
    operationId: "listIdentityProviders",
    summary: "The org's own OpenID Connect providers (client secrets are never shown) and its verified domains. Owner only.",
    tag: SSO,
    params: OrgParams,
    responses: { 200: { description: "Providers", schema: IdentityProviderList } },
  },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/identity-providers",
    operationId: "createIdentityProvider",
    summary:
      "Register the org's OpenID Connect provider for some of its verified domains; people of those domains then sign in through it only. The secret is encrypted at rest. jitRole, when set, is the role given to accounts the provider creates; without it they join by invitation only. Owner only, audited.",
    tag: SSO,
    params: OrgParams,
    body: CreateIdentityProviderInput,
    idempotent: true,
    responses: { 201: { description: "Registered", schema: IdentityProvider }, 422: { description: "Domain not verified for the org or served by another provider; issuer not https" } },
  },
  {
    method: "patch",
    path: "/api/v1/orgs/{org}/identity-providers/{id}",
    operationId: "updateIdentityProvider",
    summary: "Change a provider; a clientSecret sent replaces the stored one. Owner only, audited.",
    tag: SSO,
    params: OrgIdParams,
    body: UpdateIdentityProviderInput,
    responses: { 200: { description: "Updated", schema: IdentityProvider } },
  },
  {
    method: "delete",
    path: "/api/v1/orgs/{org}/identity-providers/{id}",
    operationId: "deleteIdentityProvider",
    summary: "Remove a provider; its domains stay verified and their people sign in with a password again. Owner only, audited.",
    tag: SSO,
    params: OrgIdParams,
    responses: { 204: { description: "Removed" } },
  },
  {
    method: "post",
    path: "/api/v1/sign-in/discovery",
    operationId: "discoverSignInMethod",
    summary: "Home-realm discovery: whether an address signs in with a password or through its org's provider. Answered from the domain alone.",
    tag: SSO,
    auth: "public",
    body: SignInDiscoveryInput,
    responses: { 200: { description: "How to continue", schema: SignInDiscovery } },
  },
];

