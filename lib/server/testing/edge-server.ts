import http from "node:http";
import type { AddressInfo } from "node:net";
import { apiEdgeHandler } from "../api-edge";
import type { RouteFile } from "../api-route-table";

// A real HTTP server with the API edge in front, for tests: what the edge serves it serves, and
// anything it leaves to Next is recorded and answered 418 (there is no Next here).

export interface EdgeServer {
  base: string;
  leftToNext: string[];
  close(): Promise<void>;
}

export async function startEdgeServer(files: readonly RouteFile[]): Promise<EdgeServer> {
  const edge = apiEdgeHandler(files);
  const leftToNext: string[] = [];
  const server = http.createServer((req, res) => {
    if (edge.matches(req)) return void edge.handle(req, res);
    leftToNext.push(`${req.method} ${req.url}`);
    res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    leftToNext,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
