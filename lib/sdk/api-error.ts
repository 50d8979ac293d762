// The one error of the Hinoki API, as every caller of the SDK sees it: the console's hooks, the
// `hinoki` CLI, the MCP server and a customer's own code. It carries what the server said —
// `{ error: { code, message, details?, requestId } }` — and the HTTP status.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The field a validation or business-rule error concerns, when the server named one. */
  get field(): string | undefined {
    const field = this.details?.field;
    if (typeof field === "string") return field;
    const issues = this.details?.issues as Array<{ path: string }> | undefined;
    return issues?.[0]?.path;
  }
}

/** Reads the API's error body from a failed response (any body: the status is always kept). */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const e = body?.error ?? {};
  return new ApiError(
    response.status,
    typeof e.code === "string" ? e.code : "internal",
    typeof e.message === "string" ? e.message : response.statusText || `HTTP ${response.status}`,
    e.details && typeof e.details === "object" ? (e.details as Record<string, unknown>) : undefined,
    typeof e.requestId === "string" ? e.requestId : (response.headers.get("x-request-id") ?? undefined),
  );
}
