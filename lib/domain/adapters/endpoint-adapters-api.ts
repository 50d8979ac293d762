import { z } from "zod";
import { Timestamp } from "../common";
import { IdParam, SlugParam } from "../path-params";

// The adapters an endpoint serves (issue 22 §1): attached and detached by operations of the engine.

export const EndpointAdapterState = z.enum(["attaching", "attached", "detaching"]);
export type EndpointAdapterState = z.infer<typeof EndpointAdapterState>;

export const AttachAdapterInput = z.object({ adapterId: IdParam });
export type AttachAdapterInput = z.infer<typeof AttachAdapterInput>;

export const EndpointAdapter = z.object({
  adapterId: z.string(),
  name: z.string(),
  /** What clients send as `model` to call it. */
  model: z.string().describe("<base model>:<adapter name>"),
  state: EndpointAdapterState,
  attachedAt: Timestamp,
});
export type EndpointAdapter = z.infer<typeof EndpointAdapter>;

export const EndpointAdapterList = z.object({
  items: z.array(EndpointAdapter),
  nextCursor: z.string().nullable(),
  /** How many adapters this endpoint's shape serves at most. */
  maxAdapters: z.number().int(),
});
export type EndpointAdapterList = z.infer<typeof EndpointAdapterList>;

export const EndpointAdapterParams = z.object({ org: SlugParam, id: IdParam, adapterId: IdParam });
