import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { readJsonBody } from "./read-json-body";

// The gateway's body reader, on a real socket: what it answers for a whole body, a body past the
// limit, and a client that hangs up halfway through its body.

let server: http.Server;
let port: number;
let outcomes: Array<{ value?: unknown; code?: string }> = [];
const settled: Array<() => void> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    readJsonBody(req, 64).then(
      (value) => outcomes.push({ value }),
      (error: unknown) => outcomes.push({ code: error instanceof AppError ? error.code : String(error) }),
    ).finally(() => {
      if (!res.destroyed) res.end();
      settled.shift()?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes a raw request and resolves once the server has settled the body. */
function send(raw: string, hangUpAfterWrite: boolean): Promise<void> {
  outcomes = [];
  const done = new Promise<void>((resolve) => settled.push(resolve));
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  socket.write(raw, () => {
    if (hangUpAfterWrite) setTimeout(() => socket.destroy(), 50);
  });
  socket.on("data", () => socket.destroy());
  return done;
}

describe("readJsonBody", () => {
  it("reads a whole JSON body", async () => {
    const body = JSON.stringify({ model: "m", messages: [] });
    await send(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`, false);
    expect(outcomes).toEqual([{ value: { model: "m", messages: [] } }]);
  });

  it("refuses a body past the limit with payload_too_large", async () => {
    const body = JSON.stringify({ text: "x".repeat(100) });
    await send(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`, false);
    expect(outcomes).toEqual([{ code: "payload_too_large" }]);
  });

  it("answers a client that hung up halfway through its body with bad_request, once", async () => {
    await send(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{"model":`, true);
    expect(outcomes).toEqual([{ code: "bad_request" }]);
  });
});
