import { z } from "zod";

// The one definition of path parameters' shapes, validated like any other input: an id of the
// wrong shape is a 400 or a 404, never a database error. lib/api/params.ts and the per-area
// *-api.ts files build their route parameters from these.
export const SlugParam = z.string().min(1).max(64);
export const IdParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
