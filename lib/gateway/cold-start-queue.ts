import { processSingleton } from "@/lib/server/process-singleton";
import { intervalSetting } from "@/lib/server/env-settings";
import { mightBeCold } from "@/lib/services/endpoints/run-inference";
import type { GatewayEndpoint } from "@/lib/services/endpoints/gateway-cache";
import { openAiError, type OpenAiError } from "./openai-errors";

// Requests that reach an endpoint with no replica ready wait here while one cold-starts — in a
// bounded queue per endpoint, each for at most a timeout — instead of piling up without limit
// behind the control plane. Within the bound none is dropped: each is answered once the replica
// serves. Past the bound, or past the timeout, the client gets OpenAI's 503 with `Retry-After`
// (the official clients wait that long and retry by themselves). The queue is per process: N
// console instances hold at most N × the bound, which is what the bound is sized for. It must be
// per process: a waiting request lives in the process that holds its socket. The wake-up is not
// the gateway's: every instance's requests go to the control plane, which starts a replica for an
// endpoint at zero under the endpoint's row lock and lets later callers wait for the replica already
// starting (sim/replicas.ts awaitServingReplica), so N instances ask and one replica starts
// (lib/services/endpoints/cold-start-instances.test.ts).

export interface ColdStartLimits {
  /** Requests that may wait per endpoint; the next one is answered 503 at once. */
  maxWaiting: number;
  /** How long one request waits for the replica before it is answered 503. */
  timeoutMs: number;
}

interface Waking {
  /** Requests waiting right now. */
  waiting: number;
  startedAtMs: number;
}

interface QueueState {
  limits: ColdStartLimits;
  waking: Map<string, Waking>;
}

function state(): QueueState {
  return processSingleton("gateway.coldStartQueue", (): QueueState => ({
    limits: {
      maxWaiting: intervalSetting("HINOKI_GATEWAY_COLD_START_QUEUE", 256),
      timeoutMs: intervalSetting("HINOKI_GATEWAY_COLD_START_TIMEOUT_MS", 120_000),
    },
    waking: new Map(),
  }));
}

export function coldStartLimits(): ColdStartLimits {
  return state().limits;
}

/** For tests and the benchmark: other limits in this process. */
export function setColdStartLimits(limits: ColdStartLimits): void {
  state().limits = limits;
}

/** Requests waiting for the endpoint's first replica in this process now. */
export function coldStartWaiting(endpointId: string): number {
  return state().waking.get(endpointId)?.waiting ?? 0;
}

/** A request the queue would not (or no longer) hold: the 503 and how long the client should wait. */
export class ColdStartRefusal extends Error {
  constructor(
    readonly error: OpenAiError,
    readonly retryAfterSeconds: number,
  ) {
    super(error.body.error.message);
  }
}

function retryAfter(endpoint: GatewayEndpoint, waking: Waking, nowMs: number): number {
  const left = endpoint.coldStartSeconds - (nowMs - waking.startedAtMs) / 1000;
  return Math.max(1, Math.ceil(left));
}

/** Headers that tell a client it waited for a cold start, and for how long it could have. */
export function coldStartHeaders(waitedMs: number): Record<string, string> {
  return { "x-hinoki-queue-wait-ms": String(Math.round(waitedMs)), "x-hinoki-queue-timeout-ms": String(coldStartLimits().timeoutMs) };
}

/**
 * Runs `work` (one completion through the control plane) — at once when the endpoint is warm;
 * otherwise as one of the requests waiting for its cold start. `discard` closes a result that
 * arrives after its client was already answered 503.
 */
export async function throughColdStart<T>(endpoint: GatewayEndpoint, work: () => Promise<T>, discard: (late: T) => void): Promise<{ result: T; waitedMs: number | null }> {
  const { waking, limits } = state();
  if (!waking.has(endpoint.id) && !(await mightBeCold(endpoint, Date.now()))) return { result: await work(), waitedMs: null };

  const arrivedMs = Date.now();
  let current = waking.get(endpoint.id);
  if (!current) {
    current = { waiting: 0, startedAtMs: arrivedMs };
    waking.set(endpoint.id, current);
  }
  if (current.waiting >= limits.maxWaiting) {
    throw new ColdStartRefusal(
      openAiError(503, `The endpoint is starting a replica (scaled to zero) and ${limits.maxWaiting} requests are already waiting for it. Retry after the Retry-After header's seconds.`, "server_error", "cold_start_queue_full"),
      retryAfter(endpoint, current, arrivedMs),
    );
  }
  const entry = current;
  entry.waiting++;
  // The replica serves (or the start failed): the next request finds the endpoint warm, or tries afresh.
  const settle = () => {
    if (waking.get(endpoint.id) === entry) waking.delete(endpoint.id);
  };
  const pending = work().then(
    (result) => {
      settle();
      return result;
    },
    (error: unknown) => {
      settle();
      throw error;
    },
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const seconds = Math.round(limits.timeoutMs / 100) / 10;
      reject(
        new ColdStartRefusal(
          openAiError(503, `The endpoint is still starting a replica (scaled to zero); this request waited ${seconds} s, the gateway's limit. Retry after the Retry-After header's seconds.`, "server_error", "cold_start_timeout"),
          retryAfter(endpoint, entry, Date.now()),
        ),
      );
    }, limits.timeoutMs);
  });
  try {
    const result = await Promise.race([pending, timeout]);
    return { result, waitedMs: Date.now() - arrivedMs };
  } finally {
    clearTimeout(timer);
    entry.waiting--;
    if (timedOut) pending.then(discard, () => undefined);
  }
}
