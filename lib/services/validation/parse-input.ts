import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";

/**
 * Parses a service's raw input, or refuses it as `validation_failed` naming the first field at
 * fault (`details.field`, which the console's forms put the message under) and every issue.
 */
export function parseServiceInput<S extends z.ZodType>(schema: S, raw: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? message, {
    field: parsed.error.issues[0]?.path.join("."),
    issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}
