import type http from "node:http";

// The smallest router that does the job: "/v1/clusters/:id" patterns, matched in order.

export interface RouteContext {
  req: http.IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: string;
  match(pathname: string): Record<string, string> | null;
  handler(context: RouteContext): Promise<unknown>;
}

export function route(method: string, pattern: string, handler: Route["handler"]): Route {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    })}$`,
  );
  return {
    method,
    handler,
    match(pathname) {
      const m = regex.exec(pathname);
      if (!m) return null;
      return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
    },
  };
}
