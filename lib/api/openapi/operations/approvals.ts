import { OrgIdParams, OrgParams } from "../../params";
import { ApprovalDelegation, ApprovalPolicy, CreateApprovalDelegationInput, CreateApprovalPolicyInput, UpdateApprovalPolicyInput } from "@/lib/domain/approvals";
import { page } from "@/lib/domain/common";
import type { ApiOperation } from "../types";

// 稟議 rules and 代理承認 (delegations).

export const approvalOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/approval-policies", operationId: "listApprovalPolicies", summary: "稟議 rules: actions, yen threshold on the estimated monthly amount, stages and approvers", tag: "Approvals", params: OrgParams, responses: { 200: { description: "Policies", schema: page(ApprovalPolicy) } } },
  { method: "post", path: "/api/v1/orgs/{org}/approval-policies", operationId: "createApprovalPolicy", summary: "Create a 稟議 rule (owners and admins; audited)", tag: "Approvals", params: OrgParams, body: CreateApprovalPolicyInput, idempotent: true, responses: { 201: { description: "Created", schema: ApprovalPolicy } } },
  { method: "get", path: "/api/v1/orgs/{org}/approval-policies/{id}", operationId: "getApprovalPolicy", summary: "A 稟議 rule", tag: "Approvals", params: OrgIdParams, responses: { 200: { description: "Policy", schema: ApprovalPolicy } } },
  { method: "patch", path: "/api/v1/orgs/{org}/approval-policies/{id}", operationId: "updateApprovalPolicy", summary: "Change a 稟議 rule (owners and admins; audited with the previous terms)", tag: "Approvals", params: OrgIdParams, body: UpdateApprovalPolicyInput, responses: { 200: { description: "Updated", schema: ApprovalPolicy } } },
  { method: "delete", path: "/api/v1/orgs/{org}/approval-policies/{id}", operationId: "deleteApprovalPolicy", summary: "Remove a 稟議 rule (owners and admins; audited)", tag: "Approvals", params: OrgIdParams, responses: { 204: { description: "Deleted" } } },
  { method: "get", path: "/api/v1/orgs/{org}/approval-delegations", operationId: "listApprovalDelegations", summary: "代理承認: delegations for periods of JST days, revoked ones included", tag: "Approvals", params: OrgParams, responses: { 200: { description: "Delegations", schema: page(ApprovalDelegation) } } },
  { method: "post", path: "/api/v1/orgs/{org}/approval-delegations", operationId: "createApprovalDelegation", summary: "Name a delegate for your approvals from one JST day to another (owners and admins: for anyone)", tag: "Approvals", params: OrgParams, body: CreateApprovalDelegationInput, idempotent: true, responses: { 201: { description: "Created", schema: ApprovalDelegation } } },
  { method: "delete", path: "/api/v1/orgs/{org}/approval-delegations/{id}", operationId: "revokeApprovalDelegation", summary: "Revoke a delegation (kept, marked revoked)", tag: "Approvals", params: OrgIdParams, responses: { 204: { description: "Revoked" } } },
];
