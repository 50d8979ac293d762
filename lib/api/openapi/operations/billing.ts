import { z } from "zod";
import { OrgIdParams, OrgParams } from "../../params";
import {
  Budget,
  CloseMonthInput,
  CloseMonthReport,
  CostReport,
  CostsQuery,
  CreateBudgetInput,
  DateRangeQuery,
  InvoiceDetail,
  InvoiceListQuery,
  InvoiceSummaryView,
  MonthToDateReport,
  UpdateBudgetInput,
  UsageReport,
} from "@/lib/domain/billing-api";
import { page } from "@/lib/domain/common";
import { Notification, NotificationListQuery, NotificationPage, UpdateNotificationInput } from "@/lib/domain/notifications";
import type { ApiOperation } from "../types";

// Billing (usage, costs, invoices, budgets), the notifications bell, and the staff month close.

const binary = z.string().describe("binary");

export const billingOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/usage", operationId: "getUsage", summary: "Metered usage per resource, SKU and region over JST days [from, to) (default: this month)", tag: "Billing", params: OrgParams, query: DateRangeQuery, responses: { 200: { description: "Usage", schema: UsageReport } } },
  {
    method: "get",
    path: "/api/v1/orgs/{org}/costs",
    operationId: "getCosts",
    summary: "Costs in yen (excl. tax) grouped by service, shape, region, resource, day or month; `format=focus-csv` streams the FinOps FOCUS export of the range. `reservations` lists the capacity reservations overlapping the range with their charge for it (billed as their own invoice lines, not in the usage total), utilisation and idle yen",
    tag: "Billing",
    params: OrgParams,
    query: CostsQuery,
    responses: { 200: { description: "Costs (JSON), or FOCUS CSV with format=focus-csv", schema: CostReport } },
  },
  { method: "get", path: "/api/v1/orgs/{org}/costs/month-to-date", operationId: "getMonthToDate", summary: "This JST month's spend so far, the forecast to month end, and budget use", tag: "Billing", params: OrgParams, responses: { 200: { description: "Month to date", schema: MonthToDateReport } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoices", operationId: "listInvoices", summary: "Issued invoices, newest first; search by issue date, total amount and counterparty", tag: "Invoices", params: OrgParams, query: InvoiceListQuery, responses: { 200: { description: "Invoices", schema: page(InvoiceSummaryView) } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoices/{id}", operationId: "getInvoice", summary: "A qualified invoice (適格請求書) as issued, with its status", tag: "Invoices", params: OrgIdParams, responses: { 200: { description: "Invoice", schema: InvoiceDetail } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoices/{id}/pdf", operationId: "getInvoicePdf", summary: "The invoice PDF exactly as rendered at issue", tag: "Invoices", params: OrgIdParams, responses: { 200: { description: "PDF", schema: binary, contentType: "application/pdf" } } },
  { method: "get", path: "/api/v1/orgs/{org}/invoices/{id}/csv", operationId: "getInvoiceCsv", summary: "The invoice as CSV (UTF-8 with BOM, for accounting systems and Excel)", tag: "Invoices", params: OrgIdParams, responses: { 200: { description: "CSV", schema: z.string(), contentType: "text/csv" } } },
  { method: "get", path: "/api/v1/orgs/{org}/budgets", operationId: "listBudgets", summary: "Monthly budgets with this month's use", tag: "Budgets", params: OrgParams, responses: { 200: { description: "Budgets", schema: page(Budget) } } },
  { method: "post", path: "/api/v1/orgs/{org}/budgets", operationId: "createBudget", summary: "Create a monthly budget with alert thresholds (a soft action at 100 % is the owner's choice)", tag: "Budgets", params: OrgParams, body: CreateBudgetInput, idempotent: true, responses: { 201: { description: "Created", schema: Budget } } },
  { method: "get", path: "/api/v1/orgs/{org}/budgets/{id}", operationId: "getBudget", summary: "A budget with this month's use", tag: "Budgets", params: OrgIdParams, responses: { 200: { description: "Budget", schema: Budget } } },
  { method: "patch", path: "/api/v1/orgs/{org}/budgets/{id}", operationId: "updateBudget", summary: "Change a budget's name, amount, thresholds or soft action", tag: "Budgets", params: OrgIdParams, body: UpdateBudgetInput, responses: { 200: { description: "Updated", schema: Budget } } },
  { method: "delete", path: "/api/v1/orgs/{org}/budgets/{id}", operationId: "deleteBudget", summary: "Delete a budget (its alerts stop; nothing else changes)", tag: "Budgets", params: OrgIdParams, responses: { 204: { description: "Deleted" } } },
  { method: "get", path: "/api/v1/orgs/{org}/notifications", operationId: "listNotifications", summary: "Your notifications in this organization, newest first, with the unread count", tag: "Notifications", params: OrgParams, query: NotificationListQuery, responses: { 200: { description: "Notifications", schema: NotificationPage } } },
  { method: "patch", path: "/api/v1/orgs/{org}/notifications/{id}", operationId: "updateNotification", summary: "Mark one of your notifications read or unread", tag: "Notifications", params: OrgIdParams, body: UpdateNotificationInput, responses: { 200: { description: "Updated", schema: Notification } } },
  { method: "post", path: "/api/v1/orgs/{org}/notifications/read-all", operationId: "markAllNotificationsRead", summary: "Mark all your notifications in this organization read", tag: "Notifications", params: OrgParams, responses: { 200: { description: "How many changed", schema: z.object({ updated: z.number().int() }) } } },
  { method: "post", path: "/api/v1/staff/billing/close-month", operationId: "closeBillingMonth", summary: "Close a past JST month for every org (platform admin; issues each invoice once, however often it runs)", tag: "Staff", body: CloseMonthInput, responses: { 200: { description: "Per-org results", schema: CloseMonthReport } } },
];
