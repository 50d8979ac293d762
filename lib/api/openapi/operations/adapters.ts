import { z } from "zod";
import { Adapter, AdapterListQuery, AdapterPage, CreateAdapterInput } from "@/lib/domain/adapters/adapters-api";
import { AttachAdapterInput, EndpointAdapterList, EndpointAdapterParams } from "@/lib/domain/adapters/endpoint-adapters-api";
import { AdapterUsageQuery, EndpointAdapterUsage } from "@/lib/domain/adapters/adapter-usage-api";
import { IdParam, SlugParam } from "@/lib/domain/path-params";
import type { ApiOperation } from "../types";
import { operationAcceptedResponse as accepted } from "./long-running";

// LoRA adapters of an org (issue 22 §1).

const tag = "LoRA adapters";
const OrgParams = z.object({ org: SlugParam });
const AdapterParams = z.object({ org: SlugParam, id: IdParam });

export const adapterOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/orgs/{org}/endpoints/{id}/adapter-usage",
    operationId: "getEndpointAdapterUsage",
    summary: "An endpoint's requests and tokens per adapter (adapter null = the base model) over the last days, JST, from the gateway's metering",
    tag,
    params: AdapterParams,
    query: AdapterUsageQuery,
    responses: { 200: { description: "Usage per adapter", schema: EndpointAdapterUsage } },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/adapters",
    operationId: "listAdapters",
    summary: "The org's LoRA adapters, with their base model, rank, weights (size, SHA-256) and the endpoints serving them",
    tag,
    params: OrgParams,
    query: AdapterListQuery,
    responses: { 200: { description: "A page of adapters", schema: AdapterPage } },
  },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/adapters",
    operationId: "createAdapter",
    summary: "Register an adapter (name, catalog base model, rank); upload its weights next with PUT …/weights",
    tag,
    params: OrgParams,
    body: CreateAdapterInput,
    idempotent: true,
    responses: { 201: { description: "The adapter, awaiting its weights", schema: Adapter }, 409: { description: "An adapter of this name exists" } },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/adapters/{id}",
    operationId: "getAdapter",
    summary: "One adapter",
    tag,
    params: AdapterParams,
    responses: { 200: { description: "The adapter", schema: Adapter } },
  },
  {
    method: "delete",
    path: "/api/v1/orgs/{org}/adapters/{id}",
    operationId: "deleteAdapter",
    summary: "Delete an adapter and its weights for good; refused while an endpoint serves it",
    tag,
    params: AdapterParams,
    responses: { 204: { description: "Deleted" }, 409: { description: "An endpoint serves it: detach it first (details.endpointIds)" } },
  },
  {
    method: "put",
    path: "/api/v1/orgs/{org}/adapters/{id}/weights",
    operationId: "uploadAdapterWeights",
    summary:
      "Upload the adapter's weights as one safetensors file (the raw body, streamed; size-limited; SHA-256 recorded). The header is checked against the base model: every tensor a PEFT lora_A [rank, in] / lora_B [out, rank] of a module and layer the model has",
    tag,
    params: AdapterParams,
    binaryBody: { contentType: "application/octet-stream", description: "The safetensors file" },
    responses: {
      200: { description: "The adapter, ready", schema: Adapter },
      409: { description: "The adapter already has different weights" },
      413: { description: "Over the size limit (details.limitBytes)" },
      415: { description: "The body is not application/octet-stream" },
      422: { description: "`adapter_weights_invalid` (not safetensors) or `adapter_shape_mismatch` (details: tensor, expected, actual)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/endpoints/{id}/adapters",
    operationId: "listEndpointAdapters",
    summary: "The adapters an endpoint serves (attached) or is loading/unloading, with the model name clients call, and its shape's bound",
    tag,
    params: AdapterParams,
    responses: { 200: { description: "The endpoint's adapters", schema: EndpointAdapterList } },
  },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/endpoints/{id}/adapters",
    operationId: "attachAdapter",
    summary: "Attach an adapter of the endpoint's base model (long-running): its replicas load it, then clients call it as `model: \"<base>:<adapter>\"`",
    tag,
    params: AdapterParams,
    body: AttachAdapterInput,
    idempotent: true,
    responses: {
      202: accepted,
      409: { description: "Already attached, or the endpoint is not running" },
      422: { description: "Another base model, weights not uploaded, or the shape's bound of adapters reached (details.maxAdapters)" },
    },
  },
  {
    method: "delete",
    path: "/api/v1/orgs/{org}/endpoints/{id}/adapters/{adapterId}",
    operationId: "detachAdapter",
    summary: "Detach an adapter (long-running): served until the replicas have unloaded it",
    tag,
    params: EndpointAdapterParams,
    operationKey: true,
    responses: { 202: accepted, 404: { description: "Not attached to this endpoint" }, 409: { description: "Still attaching or already detaching" } },
  },
];
