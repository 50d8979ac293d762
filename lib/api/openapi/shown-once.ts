import { z } from "zod";

/**
 * A created object whose `field` carries a secret: in the first answer only. A repeat of the
 * request with the same Idempotency-Key answers with the object and `field: null` (the secret is
 * never stored), and the header Idempotency-Secret-Withheld names the field.
 */
export function shownOnce<S extends z.ZodObject>(schema: S, field: string) {
  return schema.extend({
    [field]: z.string().nullable().describe("shown once: store it now. null when an Idempotency-Key replay answers (the secret is never stored; the header Idempotency-Secret-Withheld names this field)"),
  });
}
