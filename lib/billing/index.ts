import "server-only";

// The billing engine: meter → rate → invoice. Functions take a database handle and explicit
// inputs (org, month, now); permission checks belong to the services layer above.
export { ingestMeteringRecords, getIngestionCursor, DEFAULT_SOURCE, type IngestOptions, type IngestResult } from "./ingest";
export { costSummary, CostQuery, CostGroupBy, type CostSummary, type CostSummaryRow } from "./cost-summary";
export { monthToDateAndForecast, monthToDateByCostCenter, type MonthToDate } from "./month-to-date";
export { closeMonth, type CloseMonthResult } from "./close-month";
export { closeMonthForAllOrgs, type CloseAllResult } from "./close-all-orgs";
export { issueCorrectionInvoice } from "./correct-invoice";
export { getInvoice, getInvoicePdf, searchInvoices, findMonthInvoice, type StoredInvoice, type InvoiceSearch, type InvoiceSummary } from "./invoice-store";
export { markInvoicePaid, markOverdueInvoices } from "./invoice-status";
export { renderInvoicePdf } from "./pdf/render-invoice-pdf";
export { invoiceCsv, INVOICE_CSV_COLUMNS } from "./invoice-csv";
export { focusCsv, focusCsvChunks, focusRangeOfMonth, FOCUS_COLUMNS } from "./focus-csv";
export { createBudget, evaluateBudgets, type BudgetAlert } from "./budgets";
export { saveContract, loadContracts } from "./contracts";
export { verifyInvoiceChain, checkInvoiceAgainstChain, entryHashOf, CHAIN_GENESIS, type ChainVerification, type InvoiceChainCheck as StoredInvoiceChainCheck } from "./invoice-chain";
