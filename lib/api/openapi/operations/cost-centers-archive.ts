import { z } from "zod";
import { OrgIdParams, OrgParams } from "../../params";
import { ArchivePolicyQuery, InvoiceChainCheck, InvoiceChainVerification, InvoiceSummaryView, StaffInvoiceListQuery } from "@/lib/domain/billing-api";
import { CostAllocationHistory, CostCenter, CostCenterListQuery, CostCenterPolicy, CreateCostCenterInput, SetCostAllocationInput, UpdateCostCenterInput } from "@/lib/domain/cost-centers";
import { page } from "@/lib/domain/common";
import type { ApiOperation } from "../types";

// Cost centers (部門・プロジェクト) and PO numbers, and the invoice archive (電子帳簿保存法).

export const costCenterArchiveOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/cost-centers", operationId: "listCostCenters", summary: "Cost centers (部門・プロジェクト) by code; archived ones with includeArchived=true", tag: "Cost centers", params: OrgParams, query: CostCenterListQuery, responses: { 200: { description: "Cost centers", schema: page(CostCenter) } } },
  { method: "post", path: "/api/v1/orgs/{org}/cost-centers", operationId: "createCostCenter", summary: "Create a cost center (code unique in the org; never deleted, only archived)", tag: "Cost centers", params: OrgParams, body: CreateCostCenterInput, idempotent: true, responses: { 201: { description: "Created", schema: CostCenter } } },
  { method: "get", path: "/api/v1/orgs/{org}/cost-centers/{id}", operationId: "getCostCenter", summary: "A cost center", tag: "Cost centers", params: OrgIdParams, responses: { 200: { description: "Cost center", schema: CostCenter } } },
  { method: "patch", path: "/api/v1/orgs/{org}/cost-centers/{id}", operationId: "updateCostCenter", summary: "Rename, change the owner, archive or restore a cost center", tag: "Cost centers", params: OrgIdParams, body: UpdateCostCenterInput, responses: { 200: { description: "Updated", schema: CostCenter } } },
  { method: "get", path: "/api/v1/orgs/{org}/cost-center-policy", operationId: "getCostCenterPolicy", summary: "Whether every order must name a cost center", tag: "Cost centers", params: OrgParams, responses: { 200: { description: "Policy", schema: CostCenterPolicy } } },
  { method: "put", path: "/api/v1/orgs/{org}/cost-center-policy", operationId: "putCostCenterPolicy", summary: "Require (or stop requiring) a cost center on every order", tag: "Cost centers", params: OrgParams, body: CostCenterPolicy, responses: { 200: { description: "Policy", schema: CostCenterPolicy } } },
  { method: "get", path: "/api/v1/orgs/{org}/cost-allocations/{id}", operationId: "getCostAllocation", summary: "Who pays for a cluster or endpoint (cost center and PO number), with its history", tag: "Cost centers", params: OrgIdParams, responses: { 200: { description: "Allocation", schema: CostAllocationHistory } } },
  { method: "put", path: "/api/v1/orgs/{org}/cost-allocations/{id}", operationId: "setCostAllocation", summary: "Change a cluster's or endpoint's cost center and PO number, effective from today (JST); audited", tag: "Cost centers", params: OrgIdParams, body: SetCostAllocationInput, responses: { 200: { description: "Allocation", schema: CostAllocationHistory } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoices/{id}/chain", operationId: "getInvoiceChain", summary: "The invoice's entry in the archive's hash chain, checked against the stored PDF and document, and the chain verified", tag: "Invoices", params: OrgIdParams, responses: { 200: { description: "Check", schema: InvoiceChainCheck } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoice-archive/policy", operationId: "getInvoiceArchivePolicy", summary: "The 事務処理規程 (rules preventing correction and deletion) for the archive, with the org's name, as Markdown", tag: "Invoices", params: OrgParams, query: ArchivePolicyQuery, responses: { 200: { description: "Markdown", schema: z.string(), contentType: "text/markdown" } } },
  { method: "get", path: "/api/v1/invoice-chain/verify", operationId: "verifyInvoiceChain", summary: "Verify the whole invoice hash chain (other customers' documents appear by sequence number only)", tag: "Invoices", responses: { 200: { description: "Verification", schema: InvoiceChainVerification } } },
  { method: "get", path: "/api/v1/staff/invoices", operationId: "searchStaffInvoices", summary: "The invoice archive search across accounts (platform admin: all; account manager: assigned); format=csv for the download", tag: "Staff", query: StaffInvoiceListQuery, responses: { 200: { description: "Invoices", schema: page(InvoiceSummaryView) } } },
];
