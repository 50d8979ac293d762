import type { DbOrTx } from "./client";

/**
 * Lets a use case that creates something in one transaction commit the request's outcome in that
 * same transaction (the API wrapper's Idempotency-Key record): the work and its stored answer
 * commit together or not at all, so a client retrying after a crash gets the original answer.
 * `recordIn` throws when this request no longer holds its key (a retry took it over), which
 * rolls the work back: it is then done by the retry, once.
 */
export interface OutcomeRecorder<T> {
  recordIn(tx: DbOrTx, outcome: T): Promise<void>;
}
