import { z } from "zod";

// How a person signed in (the session's `amr`, after RFC 8176's names) and what an org asks of
// its members. Pure rules, shared by the server (enforcement) and the UI (explanations).

export const AUTH_METHODS = ["pwd", "otp", "sso"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === "string" && (AUTH_METHODS as readonly string[]).includes(value);
}

export const SIGN_IN_REQUIREMENTS = ["none", "mfa", "sso"] as const;
export type SignInRequirement = (typeof SIGN_IN_REQUIREMENTS)[number];

/**
 * Whether a session signed in with `amr` meets a requirement. "mfa" is met by a second factor
 * here, or by single sign-on: the identity provider is the org's authority on how its people
 * authenticate (an org that wants to govern that chooses "sso" and its own provider).
 */
export function meetsRequirement(amr: readonly string[] | undefined, requirement: SignInRequirement): boolean {
  const methods = amr ?? [];
  if (requirement === "none") return true;
  if (requirement === "sso") return methods.includes("sso");
  return methods.includes("otp") || methods.includes("sso");
}

/** Provider staff must always sign in with a second factor (or the provider's own SSO). */
export const STAFF_REQUIREMENT: SignInRequirement = "mfa";

export const SignInPolicy = z.object({
  requirement: z.enum(SIGN_IN_REQUIREMENTS).describe('"none", "mfa" (a second factor or SSO) or "sso" (single sign-on only)'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Members who would be stopped by "mfa" today: no second factor set up and not an SSO-only account. */
  membersWithoutMfa: z.number().int(),
});
export type SignInPolicy = z.infer<typeof SignInPolicy>;

export const UpdateSignInPolicyInput = z.object({ requirement: z.enum(SIGN_IN_REQUIREMENTS) });
export type UpdateSignInPolicyInput = z.infer<typeof UpdateSignInPolicyInput>;

/** `details.reason` when an owner would shut themselves out by the policy they set. */
export const POLICY_WOULD_LOCK_OUT = "policy_not_met_by_your_session";
