import { z } from "zod";

// The one list query of the console's main resources (clusters, endpoints and what comes next):
// a name prefix, a region, a sort — the same words in the API, the SDK and the list toolbar, so
// two lists filter and sort the same way. Paging is keyset (./cursor.ts).

export const RESOURCE_LIST_SORTS = ["created_desc", "created_asc", "name_asc", "name_desc"] as const;
export const ResourceListSort = z.enum(RESOURCE_LIST_SORTS);
export type ResourceListSort = z.infer<typeof ResourceListSort>;

/** The fields both lists share; each list adds its own status (and more) beside them. */
export const resourceListFields = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  /** A region id ("jp-tokyo-1"); an unknown one matches nothing, a malformed one is a 400. */
  regionId: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "a region id: lowercase letters, digits and hyphens")
    .optional(),
  /** Prefix of the name. */
  q: z.string().max(40).optional(),
  sort: ResourceListSort.default("created_desc"),
};
