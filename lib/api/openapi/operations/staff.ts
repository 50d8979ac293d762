import { z } from "zod";
import { IdParam, OrgParams } from "../../params";
import { ListQuery, page } from "@/lib/domain/common";
import {
  AccountActivity,
  AccountContract,
  AccountDetail,
  AccountNote,
  AccountSummary,
  AssignManagerInput,
  BookQuery,
  CreateAccountNoteInput,
  DecideQuotaRequestInput,
  PutContractInput,
  StaffMember,
  StaffQuotaRequest,
  StaffQuotaRequestQuery,
} from "@/lib/domain/staff";
import type { ApiOperation } from "../types";

// The provider's staff console (issue 8). Every /api/v1/staff route answers 404 to customers —
// it does not exist for them — and an account manager gets 404 for an account not assigned to
// them. The customer's read-only view of their own contract is here too, beside the staff side.

const STAFF = "Staff";
const only = "Staff only (customers get 404); an account manager sees only their assigned accounts.";

export const staffOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/staff/accounts",
    operationId: "listStaffAccounts",
    summary: `The book of accounts 「担当アカウント」: month-to-date spend, last month, trend, GPUs in use, quota use, open quota requests, budget status, overdue invoices. ${only} Platform admins see every org.`,
    tag: STAFF,
    query: BookQuery,
    responses: { 200: { description: "Accounts", schema: page(AccountSummary) } },
  },
  {
    method: "get",
    path: "/api/v1/staff/accounts/{org}",
    operationId: "getStaffAccount",
    summary: `One account: summary, profile, quotas and the contract in force. Written to the customer's audit log as staff.view. ${only}`,
    tag: STAFF,
    params: OrgParams,
    responses: { 200: { description: "Account", schema: AccountDetail } },
  },
  {
    method: "get",
    path: "/api/v1/staff/accounts/{org}/activity",
    operationId: "listAccountActivity",
    summary: `The account's timeline: its audit log merged with staff actions about it, newest first. ${only}`,
    tag: STAFF,
    params: OrgParams,
    query: ListQuery,
    responses: { 200: { description: "Events", schema: page(AccountActivity) } },
  },
  {
    method: "get",
    path: "/api/v1/staff/accounts/{org}/notes",
    operationId: "listAccountNotes",
    summary: `Staff notes on the account, newest first (never visible to the customer). ${only}`,
    tag: STAFF,
    params: OrgParams,
    query: ListQuery,
    responses: { 200: { description: "Notes", schema: page(AccountNote) } },
  },
  {
    method: "post",
    path: "/api/v1/staff/accounts/{org}/notes",
    operationId: "createAccountNote",
    summary: `Add a note to the account; audited in the staff log, not the customer's. ${only}`,
    tag: STAFF,
    params: OrgParams,
    body: CreateAccountNoteInput,
    idempotent: true,
    responses: { 201: { description: "Created", schema: AccountNote } },
  },
  {
    method: "get",
    path: "/api/v1/staff/accounts/{org}/contract",
    operationId: "getAccountContract",
    summary: `Contract terms: in force today (JST), upcoming, history, and today's price per shape. ${only}`,
    tag: STAFF,
    params: OrgParams,
    responses: { 200: { description: "Contract", schema: AccountContract } },
  },
  {
    method: "put",
    path: "/api/v1/staff/accounts/{org}/contract",
    operationId: "putAccountContract",
    summary: `Set contract terms from a JST date on: discount % overall and per GPU model, committed monthly spend, credit limit, payment terms. Billing rates usage from that day with them; a month already invoiced cannot be reached (422). Audited in the customer's log and the staff log. ${only}`,
    tag: STAFF,
    params: OrgParams,
    body: PutContractInput,
    responses: { 200: { description: "The contract after the change", schema: AccountContract }, 422: { description: "effectiveFrom falls in a month already invoiced" } },
  },
  {
    method: "get",
    path: "/api/v1/staff/quota-requests",
    operationId: "listStaffQuotaRequests",
    summary: `The quota request queue of the caller's accounts: pending oldest first, decided newest first. ${only}`,
    tag: STAFF,
    query: ListQuery.extend(StaffQuotaRequestQuery.shape),
    responses: { 200: { description: "Requests", schema: page(StaffQuotaRequest) } },
  },
  {
    method: "patch",
    path: "/api/v1/staff/quota-requests/{id}",
    operationId: "decideQuotaRequest",
    summary: `Approve (the amount asked, or a different new limit above the current one) or reject with a reason. The quota changes at once; the request's history gets the decision; audited in the customer's log and the staff log; the customer's owners, admins and developers are notified. ${only}`,
    tag: STAFF,
    params: z.object({ id: IdParam }),
    body: DecideQuotaRequestInput,
    responses: { 200: { description: "The decided request", schema: StaffQuotaRequest }, 409: { description: "Already decided" }, 422: { description: "The approved limit is not above the current quota" } },
  },
  { method: "put", path: "/api/v1/staff/accounts/{org}/managers", operationId: "assignAccountManager", summary: "Assign or unassign an account manager (platform admin); audited in the customer's log", tag: STAFF, params: OrgParams, body: AssignManagerInput, responses: { 204: { description: "Done" } } },
  { method: "get", path: "/api/v1/staff/members", operationId: "listStaffMembers", summary: "Provider staff (staff only)", tag: STAFF, responses: { 200: { description: "Staff", schema: page(StaffMember) } } },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/contract",
    operationId: "getOrgContract",
    summary: "Your contract terms and your price per shape today, read-only (set by your account manager)",
    tag: "Organizations",
    params: OrgParams,
    responses: { 200: { description: "Contract", schema: AccountContract } },
  },
];
