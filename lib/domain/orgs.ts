import { z } from "zod";
import { isValidCorporateNumber } from "./corporate-number";
import { ORG_ROLES, STAFF_ROLES } from "./permissions";
import { somethingToChange, Timestamp } from "./common";

// Organizations and their people.

/** Slugs that would shadow a top-level route (ux.md): never an org's. */
export const RESERVED_SLUGS = [
  "api", "staff", "sign-in", "sign-out", "signin", "signout", "docs", "inference", "settings", "invite", "orgs",
  "new", "admin", "auth", "well-known", ".well-known", "_next", "static", "public", "health", "favicon.ico",
  "robots.txt", "help", "support", "status", "billing", "login", "logout", "me", "select-org", "invitations", "account",
] as const;

export const OrgSlug = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and hyphens")
  .refine((s) => !(RESERVED_SLUGS as readonly string[]).includes(s), { message: "reserved" });

export const BillingAddress = z.object({
  postalCode: z.string().regex(/^\d{3}-?\d{4}$/),
  prefecture: z.string().min(1).max(10),
  city: z.string().min(1).max(100),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
});

export const CorporateNumber = z.string().refine(isValidCorporateNumber, { message: "invalid_corporate_number" });

export const CreateOrgInput = z.object({
  slug: OrgSlug,
  legalNameJa: z.string().trim().min(1).max(200),
  legalNameEn: z.string().trim().min(1).max(200),
  corporateNumber: CorporateNumber.optional(),
  billingAddress: BillingAddress.optional(),
  contactName: z.string().trim().max(100).optional(),
  contactEmail: z.email().optional(),
});
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const UpdateOrgInput = CreateOrgInput.omit({ slug: true }).partial().refine(...somethingToChange);
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export const Org = z.object({
  id: z.string(),
  slug: z.string(),
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  corporateNumber: z.string().nullable(),
  billingAddress: BillingAddress.nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  createdAt: Timestamp,
});
export type Org = z.infer<typeof Org>;

export const OrgRoleSchema = z.enum(ORG_ROLES);
export const StaffRoleSchema = z.enum(STAFF_ROLES);

export const Membership = z.object({
  orgId: z.string(),
  orgSlug: z.string(),
  orgName: z.string(),
  role: OrgRoleSchema,
});
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.enum(["ja", "en"]) }),
  memberships: z.array(Membership),
  staffRole: StaffRoleSchema.nullable(),
  via: z.enum(["session", "api_token"]),
});
export type Me = z.infer<typeof Me>;

export const Member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: OrgRoleSchema,
  joinedAt: Timestamp,
});
export type Member = z.infer<typeof Member>;

export const UpdateMemberInput = z.object({ role: OrgRoleSchema });

export const CreateInvitationInput = z.object({ email: z.email().transform((e) => e.toLowerCase()), role: OrgRoleSchema });
export type CreateInvitationInput = z.infer<typeof CreateInvitationInput>;

export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  invitedBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  status: z.enum(["pending", "accepted", "declined", "revoked", "expired"]),
});
export type Invitation = z.infer<typeof Invitation>;
