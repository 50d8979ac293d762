// The Hinoki SDK: one typed client generated from the OpenAPI document.
export { ApiError } from "./api-error";
export { createHinokiClient, newIdempotencyKey, ok, type HinokiClient, type HinokiClientOptions } from "./client";
export { isOperationOver, OperationFailedError, operationLocation, OperationTimeoutError, waitForOperation, type OperationLike, type WaitOptions } from "./wait";
export type { components, operations, paths } from "./generated/openapi";
