import { z } from "zod";
import { IdParam as id, SlugParam as slug } from "./path-params";

// Path parameters of the clusters API, validated like any other input.

export const ClusterParams = z.object({ org: slug, id });
export const NodePoolParams = z.object({ org: slug, id, poolId: id });
export const OperationParams = z.object({ org: slug, id });
