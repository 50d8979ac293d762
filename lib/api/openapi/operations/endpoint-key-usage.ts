import { EndpointKey } from "@/lib/domain/endpoints";
import { KeyUsage, KeyUsageQuery, UpdateEndpointKeyInput } from "@/lib/domain/endpoint-key-usage";
import { EndpointKeyParams } from "@/lib/domain/endpoints-api";
import type { ApiOperation } from "../types";

// Usage per endpoint key (chargeback) and the key's monthly token budget.

const tag = "Inference endpoints";
const path = "/api/v1/orgs/{org}/endpoints/{id}/keys/{keyId}";

export const endpointKeyUsageOperations: ApiOperation[] = [
  {
    method: "patch",
    path,
    operationId: "updateEndpointKey",
    summary: "Set or remove the key's monthly token budget (input + output tokens per JST month; past it the gateway answers 429 `insufficient_quota`)",
    tag,
    params: EndpointKeyParams,
    body: UpdateEndpointKeyInput,
    responses: { 200: { description: "The key, with its month-to-date usage", schema: EndpointKey }, 409: { description: "The key is revoked" } },
  },
  {
    method: "get",
    path: `${path}/usage`,
    operationId: "getEndpointKeyUsage",
    summary: "Requests and tokens in/out of one key per JST day (at most 366 days), with this month's total against its budget",
    tag,
    params: EndpointKeyParams,
    query: KeyUsageQuery,
    responses: { 200: { description: "Usage per day", schema: KeyUsage } },
  },
];
