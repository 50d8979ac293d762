import { z } from "zod";
import { IdParam as id, SlugParam as slug } from "@/lib/domain/path-params";

// Path parameters of the shared routes (the shapes are lib/domain/path-params.ts).

export const OrgParams = z.object({ org: slug });
export const OrgIdParams = z.object({ org: slug, id });
export const OrgUserParams = z.object({ org: slug, userId: id });
export const TokenParams = z.object({ token: z.string().min(10).max(200) });
export { id as IdParam, slug as SlugParam };
