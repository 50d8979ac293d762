import { ZodError } from "zod";
import { isAppError } from "@/lib/domain/errors";

// Errors in the OpenAI API's own shape, so OpenAI clients raise their usual exceptions:
// `{ "error": { "message", "type", "param", "code" } }` with the status OpenAI would use.

export interface OpenAiError {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
}

export function openAiError(status: number, message: string, type: string, code: string | null, param: string | null = null): OpenAiError {
  return { status, body: { error: { message, type, param, code } } };
}

export function maskKey(key: string): string {
  if (key.length <= 12) return "***";
  return `${key.slice(0, 8)}${"*".repeat(8)}${key.slice(-4)}`;
}

export const missingKey = () =>
  openAiError(401, "You didn't provide an API key. Pass an endpoint API key as `Authorization: Bearer hki_…` (create one on the endpoint's page in the Hinoki console).", "invalid_request_error", "invalid_api_key");

export const invalidKey = (key: string) =>
  openAiError(401, `Incorrect API key provided: ${maskKey(key)}. The key is unknown, revoked, or belongs to another endpoint.`, "invalid_request_error", "invalid_api_key");

export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const param = issue?.path.map(String).join(".") || null;
    return openAiError(400, `Invalid request: ${param ? `${param}: ` : ""}${issue?.message ?? "invalid body"}`, "invalid_request_error", "invalid_value", param);
  }
  if (isAppError(error)) {
    const details = (error.details ?? {}) as Record<string, unknown>;
    switch (error.code) {
      case "validation_failed":
      case "bad_request":
        return openAiError(400, error.message, "invalid_request_error", "invalid_value", (details.param as string) ?? null);
      case "not_found":
        return details.param === "model"
          ? openAiError(404, error.message, "invalid_request_error", "model_not_found", "model")
          : openAiError(404, error.message, "invalid_request_error", "not_found");
      case "payload_too_large":
        return openAiError(413, "The request body is too large.", "invalid_request_error", "payload_too_large");
      case "conflict":
        return openAiError(503, `The endpoint is not serving right now (${error.message}). Retry shortly.`, "server_error", "endpoint_not_ready");
      case "capacity_unavailable":
        return openAiError(503, "No GPU capacity is free to start a replica of this endpoint right now. Retry shortly.", "server_error", "capacity_unavailable");
      case "control_plane_unavailable":
        return openAiError(503, "The inference backend is unavailable. Retry shortly.", "server_error", "backend_unavailable");
      case "rate_limited":
        return openAiError(429, "Rate limit reached for this API key. Retry after a moment.", "requests", "rate_limit_exceeded");
      default:
        break;
    }
  }
  console.error("[gateway] unexpected error", error);
  return openAiError(500, "The server had an error while processing your request.", "server_error", null);
}

/** A key whose monthly token budget is spent: OpenAI's own answer for a spent quota. */
export const budgetSpent = (budget: number, used: number, month: string, resetsAt: Date) =>
  openAiError(
    429,
    `This API key's monthly token budget is spent: ${used} of ${budget} tokens used in ${month} (JST). It opens again at ${resetsAt.toISOString()}, or raise the budget on the key in the Hinoki console.`,
    "insufficient_quota",
    "insufficient_quota",
  );
