import type { IncomingMessage, ServerResponse } from "node:http";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { moveReservationForTest } from "@/lib/services/reservations/reservation-time-travel";
import { isAppError } from "@/lib/domain/errors";
import type { EdgeHandler } from "./edge-handlers";

// Hooks for the Playwright journeys only, which cannot reach into the server's process:
//   POST /_test/reservations/{id}/start   a pending reservation starts now (same term)
//   POST /_test/reservations/{id}/end     an active reservation ends now
// They do not exist in production: the handler is registered only when HINOKI_E2E_TEST_HOOKS=1
// (set by scripts/e2e-server.mjs, nowhere else) and the console runs the embedded simulator;
// otherwise the path falls through to Next and is a 404 like any unknown page. Even when
// registered it answers only requests from the loopback interface. docs/security.md lists it.

export const TEST_HOOKS_ENV = "HINOKI_E2E_TEST_HOOKS";
const PATH = /^\/_test\/reservations\/([A-Za-z0-9_]{1,64})\/(start|end)$/;

export function testHooksEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env[TEST_HOOKS_ENV] === "1" && !env.CONTROL_PLANE_URL;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export function testHooksHandler(): EdgeHandler {
  return {
    name: "test-hooks",
    matches: (req: IncomingMessage) => (req.url ?? "").startsWith("/_test/"),
    async handle(req, res) {
      const match = PATH.exec(new URL(req.url ?? "/", "http://console").pathname);
      if (!match || req.method !== "POST" || !LOOPBACK.has(req.socket.remoteAddress ?? "")) {
        return send(res, 404, { error: { code: "not_found", message: "not found" } });
      }
      try {
        const held = await moveReservationForTest(await processControlPlane(), match[1], match[2] as "start" | "end");
        send(res, 200, held);
      } catch (error) {
        if (!isAppError(error)) throw error;
        send(res, error.status, { error: { code: error.code, message: error.message } });
      }
    },
  };
}
