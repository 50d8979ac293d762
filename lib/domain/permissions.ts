// The one permission table (domain.md, "People and roles"). The server enforces it through
// lib/auth's authorize(); the UI reads the same table to hide what a role cannot do.

export const ORG_ROLES = ["owner", "admin", "developer", "billing", "viewer"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const STAFF_ROLES = ["account_manager", "platform_admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  "org.read",
  "org.write",
  "org.close",
  "ownership.transfer",
  "members.read",
  "members.write",
  "sso.manage",
  "sign_in_policy.write",
  "tokens.read",
  "tokens.write",
  "audit.read",
  "quotas.read",
  "quotas.request",
  "residency.write",
  "clusters.read",
  "clusters.write",
  "clusters.credentials",
  "endpoints.read",
  "endpoints.write",
  "endpoints.keys",
  "attestations.read",
  "attestations.request",
  "billing.read",
  "billing.write",
  "contract.read",
  // Reservations (issue 18): a commitment of money, so reading them is for those who see spend
  // or launch into them, and ordering one is for owner and admin.
  "reservations.read",
  "reservations.order",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL_BUT_SECRETS: Permission[] = [
  "org.read",
  "members.read",
  "audit.read",
  "quotas.read",
  "clusters.read",
  "endpoints.read",
  "attestations.read",
  "contract.read",
];

// Who may sign in to the org is the owner's decision: an identity provider can vouch for anyone
// in its domains (issue 14), so registering one weighs like handing over ownership.
// How members must sign in is the owner's call alone too: an admin cannot loosen it.
const OWNER_ONLY: Permission[] = ["ownership.transfer", "org.close", "sso.manage", "sign_in_policy.write"];
const ADMIN: Permission[] = PERMISSIONS.filter((p) => !OWNER_ONLY.includes(p));

export const ROLE_PERMISSIONS: Record<OrgRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: ADMIN,
  developer: [
    ...READ_ALL_BUT_SECRETS,
    "tokens.read",
    "tokens.write",
    "quotas.request",
    "clusters.write",
    "clusters.credentials",
    "endpoints.write",
    "endpoints.keys",
    "attestations.request",
    "reservations.read",
  ],
  // Billing sees money and the workloads it pays for, and can mint tokens for its own tooling.
  billing: [...READ_ALL_BUT_SECRETS, "billing.read", "billing.write", "tokens.read", "tokens.write", "reservations.read"],
  // "Read everything but secrets" — except money: the cost explorer and invoices are for
  // billing, admin and owner (issue 7), so a viewer sees workloads but not spend.
  viewer: READ_ALL_BUT_SECRETS,
};

/**
 * What provider staff may do inside a customer org they look after: read everything but
 * secrets, including money. Decisions (quota approvals, contracts) are staff-only permissions
 * checked by the staff services, never through the customer table.
 */
export const STAFF_ORG_PERMISSIONS: readonly Permission[] = [...READ_ALL_BUT_SECRETS, "billing.read", "reservations.read"];

export function roleCan(role: OrgRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A token's role may not exceed its creator's: every permission of it must be theirs too. */
export function roleWithin(candidate: OrgRole, holder: OrgRole): boolean {
  return ROLE_PERMISSIONS[candidate].every((p) => ROLE_PERMISSIONS[holder].includes(p));
}

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === "string" && (ORG_ROLES as readonly string[]).includes(value);
}
