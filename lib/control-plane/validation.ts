import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";

// Input crossing the boundary is parsed, never trusted: the simulator parses what the console
// passes in, the HTTP server what arrives on the wire, and both answer `validation_failed`.

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const first = issues[0];
  throw new AppError("validation_failed", first ? `${first.path || "input"}: ${first.message}` : "invalid input", { issues });
}
