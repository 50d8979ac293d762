import { z } from "zod";

// The second factor of a password account, as the API shows it (api.md: /api/v1/me/mfa/…).

export const TOTP_CODE = /^\d{6}$/;
export const RECOVERY_CODE_COUNT = 10;

export const MfaStatus = z.object({
  /** Password accounts may set up a second factor; SSO-only accounts sign in at their provider. */
  available: z.boolean(),
  totp: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), pending: z.boolean() }),
  recoveryCodesRemaining: z.number().int(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

export const TotpSetup = z.object({
  /** Base32, for typing into an authenticator app. Shown during setup only. */
  secret: z.string(),
  otpauthUri: z.string().describe("otpauth://totp/… for a QR code"),
  /** The URI as an SVG QR code, rendered by the server (nothing is fetched from another host). */
  qrSvg: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

export const ConfirmTotpInput = z.object({ code: z.string().trim().regex(TOTP_CODE, "six digits") });
export type ConfirmTotpInput = z.infer<typeof ConfirmTotpInput>;

export const RecoveryCodes = z.object({
  /** Shown once; only their hashes are kept. Each works once. */
  recoveryCodes: z.array(z.string()),
});
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Proof that the person at the keyboard holds the account: a current code (or recovery code), or the password. */
export const MfaProofInput = z
  .object({
    code: z.string().trim().min(6).max(40).optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.password), { message: "give either code or password" });
export type MfaProofInput = z.infer<typeof MfaProofInput>;
