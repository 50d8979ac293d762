import type { HinokiClient } from "./client";

// Follows a long-running operation until it ends. Every 202 of the API answers with an operation
// and a Location header naming where to follow it; `waitForOperation` reads nothing else of the
// resource, so it follows clusters, endpoints and any later kind alike.

/** What every operation of the API has in common (the public Operation shape). */
export interface OperationLike {
  id: string;
  status: string;
  progress?: number;
  /** The step running now (or the one that failed), where the API names it. */
  currentStep?: string | null;
  error?: { code: string; message: string } | null;
  /** Set by the API when the operation is over (whatever the status is called). */
  done?: boolean;
}

/** An operation that ended in a state other than success. */
export class OperationFailedError extends Error {
  constructor(readonly operation: OperationLike) {
    super(operation.error?.message ?? `operation ${operation.id} ended ${operation.status}`);
    this.name = "OperationFailedError";
  }
  get code(): string {
    return this.operation.error?.code ?? this.operation.status;
  }
}

export class OperationTimeoutError extends Error {
  constructor(readonly operation: OperationLike, timeoutMs: number) {
    super(`operation ${operation.id} still ${operation.status} after ${Math.round(timeoutMs / 1000)} s`);
    this.name = "OperationTimeoutError";
  }
}

const SUCCEEDED = new Set(["succeeded", "done", "completed"]);
const FAILED = new Set(["failed", "cancelled", "canceled", "expired", "rejected"]);

export function isOperationOver(operation: OperationLike): boolean {
  return operation.done === true || SUCCEEDED.has(operation.status) || FAILED.has(operation.status);
}

export function operationSucceeded(operation: OperationLike): boolean {
  return SUCCEEDED.has(operation.status) || (operation.done === true && !FAILED.has(operation.status) && !operation.error);
}

export interface WaitOptions {
  /** Called with every state read, the first one included (for a progress line). */
  onProgress?: (operation: OperationLike) => void;
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** An accepted call as openapi-fetch returns it: the operation and the response with its Location. */
export interface AcceptedCall {
  data?: unknown;
  response: Response;
}

/** The path to follow: the Location header, relative to the client's origin. */
export function operationLocation(accepted: AcceptedCall): string {
  const location = accepted.response.headers.get("location");
  if (!location) throw new Error(`the API answered ${accepted.response.status} without a Location to follow`);
  const url = new URL(location, "http://origin.invalid");
  return url.pathname + url.search;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/**
 * Follows the operation a 202 answered with until it is over. Resolves with the final operation
 * when it succeeded; throws OperationFailedError when it failed, OperationTimeoutError after
 * `timeoutMs`, ApiError when the API refuses to show it.
 * `await waitForOperation(api, await api.POST("/api/v1/orgs/{org}/clusters", { … }))`
 * or with a location: `waitForOperation(api, "/api/v1/orgs/acme/operations/op_…")`.
 */
export async function waitForOperation(client: HinokiClient, accepted: AcceptedCall | string, options: WaitOptions = {}): Promise<OperationLike> {
  const location = typeof accepted === "string" ? accepted : operationLocation(accepted);
  const started = Date.now();
  const interval = options.intervalMs ?? 1000;
  // The client is typed by path templates; a Location is a concrete path of one of them.
  const get = client.GET as unknown as (path: string, init?: { signal?: AbortSignal }) => Promise<{ data?: unknown }>;
  let operation = typeof accepted === "string" ? undefined : (accepted.data as OperationLike | undefined);
  for (let round = 0; ; round++) {
    if (!operation || round > 0) operation = (await get(location, { signal: options.signal })).data as OperationLike;
    options.onProgress?.(operation);
    if (isOperationOver(operation)) {
      if (operationSucceeded(operation)) return operation;
      throw new OperationFailedError(operation);
    }
    if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) throw new OperationTimeoutError(operation, options.timeoutMs);
    // Quick at first (an instant simulator, a small scale), then every few seconds.
    await sleep(Math.min(interval * (round < 5 ? 1 : 3), 5000), options.signal);
  }
}
