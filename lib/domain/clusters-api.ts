import { z } from "zod";

// Path parameters of the clusters API, validated like any other input.
const slug = z.string().min(1).max(64);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const ClusterParams = z.object({ org: slug, id });
export const NodePoolParams = z.object({ org: slug, id, poolId: id });
export const OperationParams = z.object({ org: slug, id });
