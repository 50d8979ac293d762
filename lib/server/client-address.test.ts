import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { parseTrustedProxies, resolveClientAddress, stampClientAddress } from "./client-address";

describe("client address", () => {
  const none = parseTrustedProxies(undefined);
  const lb = parseTrustedProxies("10.0.0.0/8, 192.168.1.10 ,fd00::/8");

  it("ignores X-Forwarded-For from a peer that is not a configured proxy", () => {
    expect(resolveClientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(resolveClientAddress("::ffff:198.51.100.7", "203.0.113.1", lb)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "10.0.0.1", lb)).toBe("198.51.100.7");
  });

  it("behind trusted proxies takes the right-most hop they did not add, never what the client wrote", () => {
    // The client wrote "6.6.6.6"; the load balancer appended the address it saw.
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 203.0.113.5", lb)).toBe("203.0.113.5");
    // Two proxies in a row (an edge proxy, then the load balancer).
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 203.0.113.5, 192.168.1.10", lb)).toBe("203.0.113.5");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", lb)).toBe("2001:db8::7");
    expect(resolveClientAddress("10.1.2.3", ["6.6.6.6", "203.0.113.5:4711"], lb)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.1.2.3", "[2001:db8::9]:443", lb)).toBe("2001:db8::9");
  });

  it("stops at the last trusted hop when a hop is not an address, or when there is none", () => {
    expect(resolveClientAddress("10.1.2.3", "203.0.113.5, <script>", lb)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", undefined, lb)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "10.9.9.9", lb)).toBe("10.9.9.9");
    expect(resolveClientAddress(undefined, "203.0.113.5", lb)).toBeNull();
  });

  it("refuses a configuration it cannot read, rather than trusting the wrong hosts", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, example.com")).toThrow(/HINOKI_TRUSTED_PROXIES.*example\.com/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/HINOKI_TRUSTED_PROXIES/);
    expect(parseTrustedProxies(" ").size).toBe(0);
  });

  describe("over HTTP", () => {
    let server: http.Server | undefined;
    afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
    const serve = async (trusted: string | undefined) => {
      const proxies = parseTrustedProxies(trusted);
      server = http.createServer((req, res) => {
        stampClientAddress(req, proxies);
        res.end(JSON.stringify({ seen: req.headers[CLIENT_ADDRESS_HEADER], forwarded: req.headers["x-forwarded-for"] ?? null }));
      });
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
    };
    const spoofed = { "x-forwarded-for": "203.0.113.66", [CLIENT_ADDRESS_HEADER]: "198.51.100.66", "x-real-ip": "192.0.2.66" };

    it("a client cannot choose its own address by header", async () => {
      const url = await serve(undefined);
      const body = await (await fetch(url, { headers: spoofed })).json();
      expect(body.seen).toBe("127.0.0.1");
    });

    it("a configured proxy's X-Forwarded-For is believed", async () => {
      const url = await serve("127.0.0.1");
      const body = await (await fetch(url, { headers: spoofed })).json();
      expect(body.seen).toBe("203.0.113.66");
    });
  });
});
