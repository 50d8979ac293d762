import { z } from "zod";
import type { OrgRole } from "./permissions";

// Who hears about what (issue 10): the roles whose work an event concerns. Operations also go
// to whoever started them; quota decisions also to whoever asked.

export const NOTIFICATION_AUDIENCE = {
  budget: ["owner", "billing"],
  invoice: ["owner", "billing"],
  operation: ["owner", "admin"],
  quota: ["owner", "admin"],
  attestation: ["owner", "admin"],
  member: ["owner", "admin"],
  // Reservations end (their nodes stop) and cost money idle: those who order and who pay.
  reservation: ["owner", "admin", "billing"],
  // 稟議: each message goes to the named approvers of a stage or to the requester, never by role.
  approval: [],
} as const satisfies Record<string, readonly OrgRole[]>;

export type RoutedCategory = keyof typeof NOTIFICATION_AUDIENCE;

/** E-mail is on by default for what needs action; routine news stays in the bell. */
export const EMAIL_DEFAULTS: Record<RoutedCategory, boolean> = {
  budget: true,
  invoice: true,
  operation: true,
  quota: true,
  attestation: true,
  member: false,
  reservation: true,
  approval: true,
};

export const EmailPreferences = z.object({
  categories: z.array(z.object({ category: z.enum(["budget", "invoice", "operation", "quota", "attestation", "member", "reservation", "approval"]), email: z.boolean() })),
});
export type EmailPreferences = z.infer<typeof EmailPreferences>;
export const UpdateEmailPreferencesInput = EmailPreferences;

/**
 * Categories whose messages carry spend (budget use, invoice totals): they go to roles with
 * billing.read only, and a reader who no longer has it no longer sees them.
 */
export const SPEND_CATEGORIES = ["budget", "invoice"] as const satisfies readonly RoutedCategory[];
