// The browser's typed client for /api/v1: same routes a customer's automation calls. Errors
// come back as ApiError with the server's code, so the UI can translate and place them.

// One error type for the whole console and the SDK (lib/sdk/api-error.ts).
export { ApiError } from "@/lib/sdk/api-error";
export { newIdempotencyKey } from "@/lib/sdk/client";

export interface FetchOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

import { ApiError } from "@/lib/sdk/api-error";

export async function apiFetch<T>(path: string, options: FetchOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path.startsWith("/") ? path : `/api/v1/${path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "network error");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const e = data?.error ?? {};
    throw new ApiError(response.status, e.code ?? "internal", e.message ?? response.statusText, e.details, e.requestId);
  }
  return data as T;
}
