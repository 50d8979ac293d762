import { z } from "zod";
import { IdParam as id, SlugParam as slug } from "./path-params";

// Path parameters of the endpoint routes (the same limits as lib/api/params: an id of the wrong
// shape is a 400, never a database error).

export const EndpointParams = z.object({ org: slug, id });
export const EndpointKeyParams = z.object({ org: slug, id, keyId: id });
