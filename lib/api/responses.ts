// What a handler returns: a plain result the wrapper serialises, or a Response for files.
export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiResult => ({ status: 200, body, headers });
export const created = (body: unknown, location?: string): ApiResult => ({ status: 201, body, headers: location ? { location } : undefined });
/** Long-running work: 202 with the operation and where to follow it. */
export const accepted = (body: unknown, location: string): ApiResult => ({ status: 202, body, headers: { location } });
export const noContent = (): ApiResult => ({ status: 204 });
