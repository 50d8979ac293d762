import "server-only";
import type { Db } from "@/lib/db/client";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  keepLeaseAlive,
  outcomeRecorder,
  releaseIdempotencyKey,
  requestFingerprint,
  withholdSecrets,
  type StoredResponse,
} from "./idempotency";
import type { ApiResult } from "./responses";

// One POST with an Idempotency-Key, as apiRoute runs it: claim the key (or replay, or say "busy"),
// keep the claim's lease alive while the handler works, let the handler's service commit the
// answer with its work, then store the final answer — or free the key when the request failed.

/** `true`, or the fields of the answer that carry a secret: stored and replayed as null. */
export type IdempotencySpec = true | { secretFields: readonly string[] };

export interface RouteIdempotency {
  /**
   * For a service that creates in one transaction: pass it the recorder, and it commits
   * `respond(outcome)` together with its work. Undefined when the request has no key.
   */
  recorder<T>(respond: (outcome: T) => ApiResult): OutcomeRecorder<T> | undefined;
}

export const NO_IDEMPOTENCY: RouteIdempotency = { recorder: () => undefined };

export interface IdempotentRequest {
  kind: "claimed";
  route: RouteIdempotency;
  /** Stores the answer the client gets (overwriting what the service committed with its work). */
  succeed(result: ApiResult): Promise<void>;
  /** Frees the key, unless the work already committed its answer. */
  fail(): Promise<void>;
}

export type BeginOutcome = IdempotentRequest | { kind: "replay"; response: StoredResponse } | { kind: "busy"; retryAfterSeconds: number };

const stored = (result: ApiResult): StoredResponse => ({ status: result.status, body: result.body ?? null, headers: result.headers ?? {} });

export async function beginIdempotentRequest(db: Db, spec: IdempotencySpec, request: { principal: Principal; request: Request; key: string; rawBody: string }): Promise<BeginOutcome> {
  const secretFields = spec === true ? [] : spec.secretFields;
  const path = new URL(request.request.url).pathname;
  const scope = `${request.principal.tokenId ?? request.principal.userId}:${path}`;
  const outcome = await claimIdempotencyKey(db, { scope, key: request.key, fingerprint: requestFingerprint("POST", path, request.rawBody) });
  if (outcome.kind !== "claimed") return outcome;
  const { claim } = outcome;
  const lease = keepLeaseAlive(db, claim);
  return {
    kind: "claimed",
    route: { recorder: (respond) => outcomeRecorder(claim, respond, secretFields) },
    async succeed(result) {
      lease.stop();
      if (!(await completeIdempotencyKey(db, claim, withholdSecrets(stored(result), secretFields)))) {
        console.warn(`[idempotency] answered ${claim.key} after a retry took its claim over`);
      }
    },
    async fail() {
      lease.stop();
      await releaseIdempotencyKey(db, claim);
    },
  };
}
