import { z } from "zod";

// Path parameters, validated like any other input: an id of the wrong shape is a 400 or a 404,
// never a database error.
const slug = z.string().min(1).max(64);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const OrgParams = z.object({ org: slug });
export const OrgIdParams = z.object({ org: slug, id });
export const OrgUserParams = z.object({ org: slug, userId: id });
export const TokenParams = z.object({ token: z.string().min(10).max(200) });
export { id as IdParam, slug as SlugParam };
