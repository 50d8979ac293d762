import { z } from "zod";
import { OrgRoleSchema } from "./orgs";
import { Timestamp } from "./common";

export const API_TOKEN_PREFIX = "hk_";

export const CreateApiTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  role: OrgRoleSchema,
  /**
   * Days until it expires; null = never (discouraged, but automation sometimes needs it). A token
   * made by a token never outlives it: its expiry is the earlier of this and the parent's.
   */
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: OrgRoleSchema,
  prefix: z.string().describe("the first characters of the secret, to recognise it"),
  createdBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  parentTokenId: z.string().nullable().describe("the token that made this one; revoking it revokes this one too"),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreatedApiToken = ApiToken.extend({ secret: z.string().describe("shown once; store it now") });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
