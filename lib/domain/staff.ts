import { z } from "zod";
import { Timestamp } from "./common";

export const StaffAccount = z.object({
  orgId: z.string(),
  slug: z.string(),
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  memberCount: z.number().int(),
  managers: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
  createdAt: Timestamp,
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const AssignManagerInput = z.object({ staffUserId: z.string().min(1), assigned: z.boolean() });
export type AssignManagerInput = z.infer<typeof AssignManagerInput>;

export const StaffMember = z.object({ userId: z.string(), name: z.string(), email: z.string(), staffRole: z.enum(["account_manager", "platform_admin"]) });
export type StaffMember = z.infer<typeof StaffMember>;
