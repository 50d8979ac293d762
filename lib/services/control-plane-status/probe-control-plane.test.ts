import { describe, expect, it } from "vitest";
import type { ControlPlane } from "@/lib/control-plane";
import { AppError } from "@/lib/domain/errors";
import { probeControlPlane } from "./probe-control-plane";

const stub = (health: () => Promise<unknown>) => ({ health }) as unknown as ControlPlane;

describe("control plane health probe", () => {
  it("is ok with the implementation and version when the control plane answers", async () => {
    const result = await probeControlPlane({ controlPlane: stub(async () => ({ status: "ok", implementation: "remote", version: "hinoki-sim/1.0", now: new Date().toISOString() })) });
    expect(result).toMatchObject({ status: "ok", detail: "remote hinoki-sim/1.0", latencyMs: expect.any(Number) });
  });

  it("is down when the control plane says it is degraded, unreachable, or does not answer in time", async () => {
    expect(await probeControlPlane({ controlPlane: stub(async () => ({ status: "degraded", implementation: "remote", version: "x", now: "" })) })).toMatchObject({ status: "down", detail: "remote x (degraded)" });
    expect(await probeControlPlane({ controlPlane: stub(() => Promise.reject(new AppError("control_plane_unavailable", "ECONNREFUSED"))) })).toMatchObject({
      status: "down",
      detail: "control_plane_unavailable: ECONNREFUSED",
    });
    const started = Date.now();
    const hung = await probeControlPlane({ controlPlane: stub(() => new Promise(() => undefined)), timeoutMs: 100 });
    expect(hung).toMatchObject({ status: "down", detail: "no answer within 100 ms" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
