// The audit log's filters as the page's address holds them (?actor=&action=&from=&to=, dates as
// JST calendar days) and as the API takes them (instants). One reading for the server page, which
// renders the first page of entries into the first HTML, and for the browser, which follows the
// same filters: both must ask for the same entries, or the first paint would show another list.

export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** A JST calendar date (from the date input) → the UTC instant its day starts. */
function jstDayStart(date: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = new Date(`${date}T00:00:00+09:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  return new Date(start.getTime() + plusDays * 86400_000).toISOString();
}

/** `to` is the day the reader picked, inclusive: the filter ends where the next day starts. */
export function auditFilterOf(get: (name: string) => string | null | undefined): AuditFilter {
  return {
    actor: get("actor") || undefined,
    action: get("action") || undefined,
    from: jstDayStart(get("from") ?? ""),
    to: jstDayStart(get("to") ?? "", 1),
  };
}

export function sameAuditFilter(a: AuditFilter, b: AuditFilter): boolean {
  return a.actor === b.actor && a.action === b.action && a.from === b.from && a.to === b.to;
}
