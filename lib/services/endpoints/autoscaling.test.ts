import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { expectAppError, freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import type { ChatCompletionChunk } from "@/lib/domain/control-plane";
import type { ScalingEvent } from "@/lib/domain/scaling-events";
import { orgWithRoles } from "../testing/fixtures";
import { createEndpoint } from "./create-endpoint";
import { getEndpoint } from "./get-endpoint";
import { listScalingEvents } from "./list-scaling-events";
import { syncEndpoints } from "./testing";
import { updateEndpoint } from "./update-endpoint";

// Autoscaling a person can tune and read: the settings (target, scale-up and scale-down delays,
// the idle period before scale to zero) go through the API and the simulator follows them, and
// each replica change is an event with the numbers it was decided on. A manual clock, so a
// "30 s delay" is exactly 30 s of simulated time.

let handle: DbHandle;
let sim: SimulatedControlPlane;
let acme: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
let n = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
  setControlPlane(sim);
  acme = await orgWithRoles(handle.db, "acme-as");
  other = await orgWithRoles(handle.db, "other-as");
});

afterAll(async () => {
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

async function running(overrides: Record<string, unknown>) {
  const created = await createEndpoint(sim, acme.as.developer, acme.slug, {
    name: `scale-${++n}`,
    modelId: "sarashina2.2-3b-instruct",
    shapeId: "l40s-1x",
    zoneId: "jp-tokyo-1a",
    minReplicas: 1,
    maxReplicas: 3,
    ...overrides,
  });
  for (let i = 0; i < 3; i++) {
    await sim.advance(1_000);
    await syncEndpoints(handle.db);
  }
  return created.id;
}

/** `count` streaming requests that stay in flight (each has read its first chunk) until closed. */
async function openStreams(endpointId: string, count: number): Promise<AsyncGenerator<ChatCompletionChunk>[]> {
  const streams: AsyncGenerator<ChatCompletionChunk>[] = [];
  for (let i = 0; i < count; i++) {
    const stream = (await sim.infer(endpointId, { messages: [{ role: "user", content: `同時の質問 ${i}` }], stream: true })) as AsyncGenerator<ChatCompletionChunk>;
    await stream.next();
    streams.push(stream);
  }
  return streams;
}

async function events(endpointId: string): Promise<ScalingEvent[]> {
  return (await listScalingEvents(sim, acme.as.viewer, acme.slug, endpointId)).items;
}

async function replicas(endpointId: string): Promise<number> {
  return (await sim.getEndpoint(endpointId)).replicas.current;
}

/** Moves simulated time in 5-second ticks (the autoscaler samples the load each tick). */
async function during(seconds: number) {
  for (let t = 0; t < seconds; t += 5) await sim.advance(5_000);
}

describe("autoscaling settings", () => {
  it("are stored with the endpoint, default sensibly, and a change keeps the settings it does not name", async () => {
    const id = await running({ autoscaling: { metric: "tokens_per_second", target: 400, scaleUpDelaySeconds: 15, scaleDownDelaySeconds: 120 } });
    const endpoint = await getEndpoint(acme.as.developer, acme.slug, id);
    expect(endpoint.autoscaling).toEqual({ metric: "tokens_per_second", target: 400, scaleUpDelaySeconds: 15, scaleDownDelaySeconds: 120, scaleToZeroAfterSeconds: 300 });
    expect((await sim.getEndpoint(id)).autoscaling).toEqual(endpoint.autoscaling);

    await updateEndpoint(sim, acme.as.developer, acme.slug, id, { autoscaling: { scaleToZeroAfterSeconds: 900 } });
    await sim.advance(1_000);
    await syncEndpoints(handle.db);
    const changed = await getEndpoint(acme.as.developer, acme.slug, id);
    expect(changed.autoscaling).toEqual({ metric: "tokens_per_second", target: 400, scaleUpDelaySeconds: 15, scaleDownDelaySeconds: 120, scaleToZeroAfterSeconds: 900 });
    expect((await sim.getEndpoint(id)).autoscaling.scaleToZeroAfterSeconds).toBe(900);
  });

  it("refuses delays out of range and a target of zero, naming the field", async () => {
    const id = await running({});
    for (const [autoscaling, field] of [
      [{ scaleUpDelaySeconds: -1 }, "scaleUpDelaySeconds"],
      [{ scaleDownDelaySeconds: 3_601 }, "scaleDownDelaySeconds"],
      [{ scaleToZeroAfterSeconds: 10 }, "scaleToZeroAfterSeconds"],
      [{ target: 0 }, "target"],
      [{ scaleUpDelaySeconds: 1.5 }, "scaleUpDelaySeconds"],
    ] as const) {
      const error = await updateEndpoint(sim, acme.as.developer, acme.slug, id, { autoscaling } as never).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError); // the API answers it as 400 validation_failed with the issue's path
      expect((error as ZodError).issues[0].path).toEqual(["autoscaling", field]);
    }
  });
});

describe("the simulator's autoscaler follows the settings and records why", () => {
  it("adds replicas only after the load held above the target for the scale-up delay, and removes them after the scale-down delay", async () => {
    const id = await running({ minReplicas: 1, maxReplicas: 3, autoscaling: { metric: "concurrent_requests", target: 2, scaleUpDelaySeconds: 30, scaleDownDelaySeconds: 60 } });
    expect(await replicas(id)).toBe(1);
    const streams = await openStreams(id, 5);

    await during(25);
    expect(await replicas(id)).toBe(1); // above the target, but not yet for 30 s
    await during(10);
    expect(await replicas(id)).toBe(3); // ⌈5 / 2⌉ = 3, the maximum
    const [up] = await events(id);
    expect(up).toMatchObject({ cause: "load_above_target", fromReplicas: 1, toReplicas: 3, metric: "concurrent_requests", observed: 5, target: 2, windowSeconds: 30 });

    for (const stream of streams) await stream.return(undefined);
    await during(50);
    expect(await replicas(id)).toBe(3); // below, but not yet for 60 s
    await during(20); // the window opened at the first tick that sampled the lower load
    expect(await replicas(id)).toBe(1); // back to the minimum, never below it
    const [down] = await events(id);
    expect(down).toMatchObject({ cause: "load_below_target", fromReplicas: 3, toReplicas: 1, observed: 0, target: 2, windowSeconds: 60 });
    expect(await events(id)).toHaveLength(2);
  });

  it("a burst shorter than the scale-up delay adds nothing", async () => {
    const id = await running({ minReplicas: 1, maxReplicas: 3, autoscaling: { metric: "concurrent_requests", target: 1, scaleUpDelaySeconds: 60 } });
    const streams = await openStreams(id, 3);
    await during(30);
    for (const stream of streams) await stream.return(undefined);
    await during(60);
    expect(await replicas(id)).toBe(1);
    expect(await events(id)).toEqual([]);
  });

  it("scales to zero only after the idle period, and a request at zero starts a replica, each as an event", async () => {
    const id = await running({ minReplicas: 0, maxReplicas: 2, autoscaling: { metric: "concurrent_requests", target: 4, scaleToZeroAfterSeconds: 120 } });
    expect(await replicas(id)).toBe(0);
    const answer = await sim.infer(id, { messages: [{ role: "user", content: "起きてください" }] });
    expect(answer).toHaveProperty("choices");
    expect(await replicas(id)).toBe(1);
    expect((await events(id))[0]).toMatchObject({ cause: "request_at_zero", fromReplicas: 0, toReplicas: 1, observed: null });

    await during(100);
    expect(await replicas(id)).toBe(1);
    await during(30);
    expect(await replicas(id)).toBe(0);
    const [zero] = await events(id);
    expect(zero).toMatchObject({ cause: "idle_to_zero", fromReplicas: 1, toReplicas: 0, windowSeconds: 120 });
  });

  it("pages newest first, and another org cannot read them (404)", async () => {
    const id = await running({ minReplicas: 0, maxReplicas: 1, autoscaling: { metric: "concurrent_requests", target: 4, scaleToZeroAfterSeconds: 30 } });
    for (let i = 0; i < 3; i++) {
      await sim.infer(id, { messages: [{ role: "user", content: `${i}` }] });
      await during(40);
    }
    const first = await listScalingEvents(sim, acme.as.viewer, acme.slug, id, { limit: 4 });
    expect(first.items.map((e) => e.cause)).toEqual(["idle_to_zero", "request_at_zero", "idle_to_zero", "request_at_zero"]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await listScalingEvents(sim, acme.as.viewer, acme.slug, id, { limit: 4, cursor: first.nextCursor! });
    expect(rest.items.map((e) => e.cause)).toEqual(["idle_to_zero", "request_at_zero"]);
    expect(rest.nextCursor).toBeNull();
    await expectAppError(listScalingEvents(sim, other.as.owner, acme.slug, id), "not_found");
    await expectAppError(listScalingEvents(sim, other.as.owner, other.slug, id), "not_found");
  });
});
