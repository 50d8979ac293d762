import { z } from "zod";
import { OrgParams } from "../../params";
import { page } from "@/lib/domain/common";
import { ChatCompletionChunk } from "@/lib/domain/control-plane";
import {
  CreatedEndpointKey,
  CreateEndpointInput,
  CreateEndpointKeyInput,
  EndpointKey,
  EndpointListQuery,
  EndpointMetrics,
  EndpointMetricsQuery,
  EndpointPreflight,
  EndpointPreflightInput,
  EndpointView,
  ModelCatalogEntry,
  PlaygroundInput,
  UpdateEndpointInput,
} from "@/lib/domain/endpoints";
import { EndpointKeyParams, EndpointParams } from "@/lib/domain/endpoints-api";
import { shownOnce } from "../shown-once";
import { operationAcceptedResponse as accepted } from "./long-running";
import type { ApiOperation } from "../types";

// Inference endpoints, their keys, metrics and playground, and the model catalog. The
// OpenAI-compatible gateway itself (`/inference/{endpointId}/v1/…`, authenticated by endpoint
// keys) is OpenAI's API and is described by OpenAI's own reference, not here.

const tag = "Inference endpoints";
const path = "/api/v1/orgs/{org}/endpoints";

export const endpointOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/models", operationId: "listModels", summary: "Model catalog: open Japanese-capable models, the shapes each fits, and the price per shape", tag: "Catalog", auth: "public", responses: { 200: { description: "Models", schema: page(ModelCatalogEntry) } } },
  { method: "get", path, operationId: "listEndpoints", summary: "Inference endpoints; filter by name prefix, region, status or model, sort by creation or name, keyset pagination (the clusters list's query)", tag, params: OrgParams, query: EndpointListQuery, responses: { 200: { description: "Endpoints", schema: page(EndpointView) } } },
  { method: "post", path, operationId: "createEndpoint", summary: "Create an endpoint (long-running: 202 with the Operation; its target is the new endpoint)", tag, params: OrgParams, body: CreateEndpointInput, idempotent: true, responses: { 202: accepted, 409: { description: "The name is taken" }, 422: { description: "The model does not fit the shape, outside the residency policy, over quota, or no capacity (details say where there is)" } } },
  { method: "post", path: `${path}/preflight`, operationId: "preflightEndpoint", summary: "Check an order before submitting it: fitting shapes, residency, quota, capacity, price at min and max, cold start", tag, params: OrgParams, body: EndpointPreflightInput, responses: { 200: { description: "What would happen, with every problem and its field", schema: EndpointPreflight } } },
  { method: "get", path: `${path}/{id}`, operationId: "getEndpoint", summary: "An endpoint, with its current operation", tag, params: EndpointParams, responses: { 200: { description: "Endpoint", schema: EndpointView } } },
  { method: "patch", path: `${path}/{id}`, operationId: "updateEndpoint", summary: "Change replicas (min 0 = scale to zero) and autoscaling (long-running)", tag, params: EndpointParams, body: UpdateEndpointInput, operationKey: true, responses: { 202: accepted, 409: { description: "Not running, or another operation is in progress" } } },
  { method: "delete", path: `${path}/{id}`, operationId: "deleteEndpoint", summary: "Delete an endpoint (long-running); its keys stop working at once", tag, params: EndpointParams, operationKey: true, responses: { 202: accepted } },
  { method: "get", path: `${path}/{id}/keys`, operationId: "listEndpointKeys", summary: "The endpoint's API keys (prefix and last use, never the secret)", tag, params: EndpointParams, responses: { 200: { description: "Keys", schema: page(EndpointKey) } } },
  { method: "post", path: `${path}/{id}/keys`, operationId: "createEndpointKey", summary: "Create an endpoint API key; the secret is in this response only", tag, params: EndpointParams, body: CreateEndpointKeyInput, idempotent: true, responses: { 201: { description: "Created", schema: shownOnce(CreatedEndpointKey, "secret") } } },
  { method: "delete", path: `${path}/{id}/keys/{keyId}`, operationId: "revokeEndpointKey", summary: "Revoke a key (the gateway refuses it from the next request)", tag, params: EndpointKeyParams, responses: { 204: { description: "Revoked" } } },
  { method: "get", path: `${path}/{id}/metrics`, operationId: "getEndpointMetrics", summary: "Requests/s, tokens/s, p50/p95 latency, time to first token, cold starts and replicas over the last hour, day or week", tag, params: EndpointParams, query: EndpointMetricsQuery, responses: { 200: { description: "Time series", schema: EndpointMetrics } } },
  {
    method: "post",
    path: `${path}/{id}/playground`,
    operationId: "playgroundChat",
    summary: "Chat with the endpoint as the signed-in member (server-sent events in OpenAI's chunk format, ending with `data: [DONE]`)",
    tag,
    params: EndpointParams,
    body: PlaygroundInput,
    responses: { 200: { description: "A stream of chat.completion.chunk events", schema: z.string().describe(`data: ${JSON.stringify(Object.keys(ChatCompletionChunk.shape))}…`), contentType: "text/event-stream" } },
  },
];
