import type { ServerResponse } from "node:http";

// A client can hang up at any moment: while its body arrives, while the model or a handler is
// still working, or while the answer streams. Code that streams an answer follows the client
// from the moment it starts (a `close` listener added only once there is something to send never
// hears a client that left before) and never waits for a `drain` that a closed socket will not
// emit.

export interface ClientWatch {
  /** Aborts when the client is gone before the answer was finished. */
  readonly signal: AbortSignal;
  readonly gone: boolean;
  /** Stops following (call when the answer is done). */
  dispose(): void;
}

export function watchClient(res: ServerResponse): ClientWatch {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  if (res.destroyed || res.closed) controller.abort();
  else res.once("close", onClose);
  return {
    signal: controller.signal,
    get gone() {
      return controller.signal.aborted;
    },
    dispose: () => void res.off("close", onClose),
  };
}

/** Resolves when the socket takes more data — or at once when the client is gone. */
export function whenWritable(res: ServerResponse, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
