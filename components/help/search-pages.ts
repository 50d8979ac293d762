import type { Permission } from "@/lib/domain/permissions";

// The console's pages the header search offers, each under the permission its nav entry needs.
// `label` is a message key, in the nav's namespace (the nav's own names where the nav has the
// page) or the help's.
export const SEARCH_PAGES: Array<{ path: string; label: `nav.${string}` | `help.${string}`; permission: Permission }> = [
  { path: "", label: "nav.overview", permission: "org.read" },
  { path: "/shapes", label: "nav.shapes", permission: "quotas.read" },
  { path: "/clusters", label: "nav.clusters", permission: "clusters.read" },
  { path: "/clusters/new", label: "help.pages.newCluster", permission: "clusters.write" },
  { path: "/endpoints", label: "nav.endpoints", permission: "endpoints.read" },
  { path: "/endpoints/new", label: "help.pages.newEndpoint", permission: "endpoints.write" },
  { path: "/endpoints/models", label: "help.pages.models", permission: "endpoints.read" },
  { path: "/reservations", label: "nav.reservations", permission: "reservations.read" },
  { path: "/operations", label: "nav.operations", permission: "org.read" },
  { path: "/attestations", label: "nav.attestations", permission: "attestations.read" },
  { path: "/attestations/verify", label: "help.pages.verify", permission: "attestations.read" },
  { path: "/billing", label: "nav.billing", permission: "billing.read" },
  { path: "/billing/invoices", label: "help.pages.invoices", permission: "billing.read" },
  { path: "/billing/budgets", label: "help.pages.budgets", permission: "billing.read" },
  { path: "/billing/archive", label: "help.pages.archive", permission: "billing.read" },
  { path: "/audit", label: "nav.audit", permission: "audit.read" },
  { path: "/settings", label: "nav.settings", permission: "org.read" },
  { path: "/settings/members", label: "help.pages.members", permission: "members.read" },
  { path: "/settings/api-tokens", label: "help.pages.apiTokens", permission: "tokens.read" },
  { path: "/settings/residency", label: "help.pages.residency", permission: "org.read" },
  { path: "/settings/contract", label: "help.pages.contract", permission: "contract.read" },
  { path: "/settings/notifications", label: "help.pages.notifications", permission: "org.read" },
  { path: "/settings/security", label: "help.pages.security", permission: "org.read" },
  { path: "/status", label: "help.status", permission: "org.read" },
];
