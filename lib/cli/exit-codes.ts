import { ApiError } from "@/lib/sdk/api-error";
import { OperationFailedError, OperationTimeoutError } from "@/lib/sdk/wait";

// What the `hinoki` CLI's exit status means, so a script can tell "try again later" from
// "you may not" from "it broke". Documented in `hinoki --help` and the README.
export const EXIT = {
  ok: 0,
  /** Anything not named below. */
  failure: 1,
  /** Bad arguments or options (also a missing --yes on a destructive command). */
  usage: 2,
  /** Not logged in, or the token is invalid, expired or revoked (401). */
  auth: 3,
  /** The token's role does not allow this (403). */
  forbidden: 4,
  /** No such resource — or not yours (404). */
  notFound: 5,
  /** Refused by a rule: invalid input, conflict, quota, capacity, residency (400, 409, 422). */
  refused: 6,
  /** The long-running operation ended failed. */
  operationFailed: 7,
  /** Waiting ran out of time (--timeout). */
  timeout: 8,
  /** An attestation did not verify. */
  verificationFailed: 9,
  /** The console could not be reached, is rate limiting, or its control plane is down (network, 429, 503). */
  unavailable: 10,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof OperationFailedError) return EXIT.operationFailed;
  if (error instanceof OperationTimeoutError) return EXIT.timeout;
  if (error instanceof ApiError) {
    if (error.status === 401) return EXIT.auth;
    if (error.status === 403) return EXIT.forbidden;
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 0 || error.status === 429 || error.status >= 500) return EXIT.unavailable;
    if (error.status >= 400) return EXIT.refused;
  }
  return EXIT.failure;
}
