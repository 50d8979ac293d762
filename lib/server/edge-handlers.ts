import type { IncomingMessage, ServerResponse } from "node:http";

// Plain-Node handlers that answer before Next (the inference gateway is one): a data path must
// not pay the framework's cost. Each capability registers its own; the server asks them in order.

export interface EdgeHandler {
  name: string;
  matches(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

const KEY = Symbol.for("hinoki.edgeHandlers");
type G = typeof globalThis & { [KEY]?: EdgeHandler[] };

export function registerEdgeHandler(handler: EdgeHandler): void {
  const g = globalThis as G;
  const list = (g[KEY] ??= []);
  if (!list.some((h) => h.name === handler.name)) list.push(handler);
}

export function edgeHandlers(): readonly EdgeHandler[] {
  return (globalThis as G)[KEY] ?? [];
}
