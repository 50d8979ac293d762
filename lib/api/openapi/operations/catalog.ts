import { OrgIdParams, OrgParams } from "../../params";
import { CapacityQuery, CapacityReport, QuotaList, QuotaQuery, QuotaRequestQuery, RegionView, ShapeQuery, ShapeView } from "@/lib/domain/catalog-api";
import { ListQuery, page } from "@/lib/domain/common";
import { CreateQuotaRequestInput, QuotaRequest } from "@/lib/domain/quotas";
import type { ApiOperation } from "../types";

// The catalog (regions, shapes), live capacity, and the org's quotas and quota requests.
export const catalogOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/regions",
    operationId: "listRegions",
    summary: "Regions and zones, with each zone's facility, prefecture and ISO 3166-2 code; all in Japan",
    tag: "Catalog",
    auth: "public",
    responses: { 200: { description: "Regions", schema: page(RegionView) } },
  },
  {
    method: "get",
    path: "/api/v1/shapes",
    operationId: "listShapes",
    summary: "GPU shapes with specs and list prices (¥ per hour, ¥ per month at 730 h, excluding tax); filter by GPU model, region or an inference model they must fit",
    tag: "Catalog",
    auth: "public",
    query: ShapeQuery,
    responses: { 200: { description: "Shapes", schema: page(ShapeView) } },
  },
  {
    method: "get",
    path: "/api/v1/capacity",
    operationId: "getCapacity",
    summary: "Live availability per zone and shape: available, limited or sold_out (exact counts for provider staff only)",
    tag: "Catalog",
    query: CapacityQuery,
    responses: {
      200: { description: "Availability", schema: CapacityReport },
      503: { description: "The GPU control plane is unreachable (code control_plane_unavailable)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/quotas",
    operationId: "listQuotas",
    summary: "GPU quota and current use per region and GPU model",
    tag: "Quotas",
    params: OrgParams,
    query: QuotaQuery,
    responses: { 200: { description: "Quota lines", schema: QuotaList } },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/quota-requests",
    operationId: "listQuotaRequests",
    summary: "Quota increase requests, newest first; filter by status",
    tag: "Quotas",
    params: OrgParams,
    query: ListQuery.extend(QuotaRequestQuery.shape),
    responses: { 200: { description: "Requests", schema: page(QuotaRequest) } },
  },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/quota-requests",
    operationId: "createQuotaRequest",
    summary: "Ask for a higher GPU quota (requestedGpus is the new limit); the org's account manager decides it",
    tag: "Quotas",
    params: OrgParams,
    body: CreateQuotaRequestInput,
    idempotent: true,
    responses: {
      201: { description: "Filed, pending", schema: QuotaRequest },
      409: { description: "A request for this region and GPU model is already pending (details.pendingRequestId)" },
      422: { description: "The requested limit is not higher than the current quota" },
    },
  },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/quota-requests/{id}",
    operationId: "getQuotaRequest",
    summary: "One quota request with its history",
    tag: "Quotas",
    params: OrgIdParams,
    responses: { 200: { description: "The request", schema: QuotaRequest } },
  },
];
