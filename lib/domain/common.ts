import { z } from "zod";

// Shapes shared by every resource of the public API (api.md, "Conventions").

export const Timestamp = z.string().describe("RFC 3339, UTC");

export const Money = z.object({ amount: z.number().int(), currency: z.literal("JPY") });
export type Money = z.infer<typeof Money>;
export const yen = (amount: number): Money => ({ amount: Math.round(amount), currency: "JPY" });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/**
 * The one rule for every PATCH: a body that changes nothing — `{}`, or only fields the schema does
 * not know (they are dropped) — is a 400 "nothing to change", never an UPDATE without columns.
 * Use as `.refine(...somethingToChange)`.
 */
export const somethingToChange = [(value: object) => Object.values(value).some((v) => v !== undefined), { message: "nothing to change" }] as const;
/** The same for a change that may carry a 稟議's 件名・目的: those alone change nothing. */
export const changeBesidesApproval = [(value: object) => Object.entries(value).some(([k, v]) => k !== "approval" && v !== undefined), { message: "nothing to change" }] as const;

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string(),
  }),
});

export const toIso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
