import type { ServerResponse } from "node:http";

// A client can hang up at any moment: while its body arrives, while the model or a handler is
// still working, or while the answer streams. Code that streams an answer follows the client
// from the moment it starts (a `close` listener added only once there is something to send never
// hears a client that left before) and never waits for a `drain` that a closed socket will not
// emit.
//
// This runs once per gateway request, so it stays cheap: a flag and a `close` listener. The
// AbortSignal (an EventTarget, costly to make and to attach to a request) is made only when a
// caller asks for it — on backpressure, which a client reading at speed never causes.

export interface ClientWatch {
  /** Aborts when the client is gone before the answer was finished. */
  readonly signal: AbortSignal;
  readonly gone: boolean;
  /** Runs `listener` once when the client goes (at once if it has gone already). */
  onGone(listener: () => void): void;
  /** Stops following (call when the answer is done). */
  dispose(): void;
}

export function watchClient(res: ServerResponse): ClientWatch {
  let gone = res.destroyed || res.closed;
  let controller: AbortController | undefined;
  let listeners: Array<() => void> = [];
  const onClose = () => {
    if (res.writableFinished) return;
    gone = true;
    controller?.abort();
    const toRun = listeners;
    listeners = [];
    for (const listener of toRun) listener();
  };
  if (!gone) res.once("close", onClose);
  return {
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (gone) controller.abort();
      }
      return controller.signal;
    },
    get gone() {
      return gone;
    },
    onGone(listener) {
      if (gone) listener();
      else listeners.push(listener);
    },
    dispose() {
      listeners = [];
      res.off("close", onClose);
    },
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
