import { z } from "zod";
import { Adapter, AdapterListQuery, AdapterPage, CreateAdapterInput } from "@/lib/domain/adapters/adapters-api";
import { IdParam, SlugParam } from "@/lib/domain/path-params";
import type { ApiOperation } from "../types";

// LoRA adapters of an org (issue 22 §1).

const tag = "LoRA adapters";
const OrgParams = z.object({ org: SlugParam });
const AdapterParams = z.object({ org: SlugParam, id: IdParam });

export const adapterOperations: ApiOperation[] = [
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
];
