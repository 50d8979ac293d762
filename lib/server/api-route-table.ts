// Matches a request path against the app's /api/v1 route files the way Next's App Router does
// for them: static segments win over dynamic `[param]` segments at the same depth, and dynamic
// values are URL-decoded. (The API has no catch-all segments; a route file with one is refused
// at start-up rather than matched differently from Next.)

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export interface RouteModule {
  [method: string]: unknown;
}

export interface RouteFile {
  /** The URL path of the route file, e.g. "/api/v1/orgs/[org]/clusters". */
  path: string;
  module: RouteModule;
}

export interface RouteMatch {
  path: string;
  handler: RouteHandler;
  params: Record<string, string>;
}

interface Compiled {
  path: string;
  module: RouteModule;
  segments: Array<{ literal: string } | { param: string }>;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function compile(file: RouteFile): Compiled {
  const segments = file.path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      if (segment.startsWith("[...") || segment.startsWith("[[")) throw new Error(`catch-all route segments are not supported by the API edge: ${file.path}`);
      const param = /^\[(\w+)\]$/.exec(segment);
      return param ? { param: param[1] } : { literal: segment };
    });
  return { path: file.path, module: file.module, segments };
}

// Static before dynamic, segment by segment from the left — Next's precedence for these shapes.
function specificity(a: Compiled, b: Compiled): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const aStatic = "literal" in a.segments[i];
    const bStatic = "literal" in b.segments[i];
    if (aStatic !== bStatic) return aStatic ? -1 : 1;
  }
  return 0;
}

export interface RouteTable {
  /** The handler for this method and path, or null when Next should answer (404, 405). */
  match(method: string, pathname: string): RouteMatch | null;
}

export function routeTable(files: readonly RouteFile[]): RouteTable {
  const compiled = files.map(compile).sort(specificity);
  return {
    match(method, pathname) {
      const parts = pathname.split("/").filter(Boolean);
      // Next redirects "/x/" to "/x" and treats "//" its own way: leave such paths to it.
      if (pathname !== `/${parts.join("/")}`) return null;
      for (const route of compiled) {
        if (route.segments.length !== parts.length) continue;
        const params: Record<string, string> = {};
        let matched = true;
        for (let i = 0; i < parts.length && matched; i++) {
          const segment = route.segments[i];
          if ("literal" in segment) {
            matched = segment.literal === parts[i];
          } else {
            try {
              params[segment.param] = decodeURIComponent(parts[i]);
            } catch {
              return null; // malformed escape: let Next answer it
            }
          }
        }
        if (!matched) continue;
        const handler = route.module[method.toUpperCase()];
        if (!METHODS.includes(method.toUpperCase()) || typeof handler !== "function") return null;
        return { path: route.path, handler: handler as RouteHandler, params };
      }
      return null;
    },
  };
}
