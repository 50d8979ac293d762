// One error type for the whole backend. Services throw it; the API kit maps `code` to an HTTP
// status and the UI translates `code` into the reader's language (messages: errors.<code>).

export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  // Sign-in strength (issue 14): the org's policy or the staff rule asks for more than this session proved.
  org_requires_mfa: 403,
  org_requires_sso: 403,
  staff_mfa_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_exists: 409,
  idempotency_key_reused: 422,
  business_rule: 422,
  quota_exceeded: 422,
  capacity_unavailable: 422,
  // LoRA adapters (issue 22): the upload is not a safetensors file, or its tensors do not fit the base model.
  adapter_weights_invalid: 422,
  adapter_shape_mismatch: 422,
  residency_violation: 422,
  last_owner: 422,
  role_too_high: 422,
  mfa_code_invalid: 422,
  mfa_already_enabled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  control_plane_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "resource") => new AppError("not_found", `${what} not found`);
export const forbidden = (permission?: string) =>
  new AppError("forbidden", "not allowed", permission ? { permission } : undefined);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === "object" && e !== null && (e as { name?: string }).name === "AppError" && "code" in e);
}
