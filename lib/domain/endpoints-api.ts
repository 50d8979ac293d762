import { z } from "zod";

// Path parameters of the endpoint routes (the same limits as lib/api/params: an id of the wrong
// shape is a 400, never a database error).
const slug = z.string().min(1).max(64);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const EndpointParams = z.object({ org: slug, id });
export const EndpointKeyParams = z.object({ org: slug, id, keyId: id });
export const EndpointOperationParams = z.object({ org: slug, id, operationId: id });
