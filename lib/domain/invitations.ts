import { z } from "zod";
import { Timestamp } from "./common";
import { Invitation, OrgRoleSchema } from "./orgs";

// The invitee's side of an invitation: what they are shown before they answer. Enough to tell
// the real company from a look-alike: both legal names, the 法人番号 (or its absence), the role
// and who sent it.

export const InvitingOrg = z.object({
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  corporateNumber: z.string().nullable().describe("法人番号 (13 digits); null when the org has not registered one"),
});
export type InvitingOrg = z.infer<typeof InvitingOrg>;

export const ReceivedInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: OrgRoleSchema,
  org: InvitingOrg,
  invitedBy: z.object({ name: z.string(), email: z.string() }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type ReceivedInvitation = z.infer<typeof ReceivedInvitation>;

/** What the invitation link shows (to whoever holds it: the invited mailbox). */
export const InvitationPreview = ReceivedInvitation.extend({
  status: Invitation.shape.status,
  /** A proven account already holds the address: sign in to answer. */
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const CreateAccountFromInvitationInput = z.object({
  name: z.string().trim().min(1).max(100),
  password: z.string().min(10).max(200),
});
export type CreateAccountFromInvitationInput = z.infer<typeof CreateAccountFromInvitationInput>;

export const AcceptedInvitation = z.object({ orgSlug: z.string(), role: OrgRoleSchema });
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;
