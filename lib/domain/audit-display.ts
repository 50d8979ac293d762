import type { AuditEvent } from "./audit";

// How the audit log reads for an auditor: repeated staff views collapsed into one row with a
// count (so they do not push real events off the screen), the target by name where the entry
// recorded one, and an export of exactly the rows shown. Pure: the audit page and its tests use it.

export interface AuditRow {
  event: AuditEvent;
  /** How many consecutive identical views this row stands for (1 for every other event). */
  repeated: number;
  /** The newest and oldest time of the collapsed views. */
  firstAt: string;
}

const sameView = (a: AuditEvent, b: AuditEvent) =>
  a.action === "staff.view" && b.action === "staff.view" && a.actor.id === b.actor.id && a.target.id === b.target.id && viewedWhat(a) === viewedWhat(b);

/** Collapses runs of the same staff member viewing the same thing (newest first, as listed). */
export function collapseRepeatedViews(events: readonly AuditEvent[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const event of events) {
    const last = rows[rows.length - 1];
    if (last && sameView(last.event, event)) {
      last.repeated += 1;
      last.firstAt = event.createdAt;
    } else rows.push({ event, repeated: 1, firstAt: event.createdAt });
  }
  return rows;
}

/**
 * What a staff member looked at, as recorded with the view: the staff page ("staff.account"), a
 * path, or the permission the read needed ("billing.read" — the area of the console it opened).
 */
export function viewedWhat(event: AuditEvent): string | null {
  const permission = event.data?.permission;
  const view = event.data?.view ?? event.data?.path ?? (Array.isArray(permission) ? permission[0] : permission);
  return typeof view === "string" ? view : null;
}

/** Why the staff member could look: the provider role the view was made under (account_manager, platform_admin). */
export function viewedAs(event: AuditEvent): string | null {
  const role = event.data?.staffRole;
  return event.action === "staff.view" && typeof role === "string" ? role : null;
}

/** The message key of what was viewed ("billing.read" → "billing_read", "staff.account" → "staff_account"). */
export const viewedKey = (what: string) => what.replaceAll(".", "_");

/** The target as a person names it: the name the entry recorded, else its id. */
export function targetName(event: AuditEvent): string | null {
  const name = event.data?.name ?? event.data?.email;
  return typeof name === "string" && name ? name : event.target.id;
}

/** The message key of an action code ("cluster.kubeconfig.issue" → "cluster-kubeconfig-issue"). */
export const auditActionKey = (action: string) => action.replaceAll(".", "-");

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The rows on screen as CSV evidence (UTF-8 with BOM so that Excel reads Japanese), with the
 * action both as code and in words, and the exact UTC time beside the JST one shown.
 */
export function auditRowsToCsv(rows: readonly AuditRow[], words: { header: string[]; action: (code: string) => string; jst: (iso: string) => string }): string {
  const lines = [words.header.map(csvCell).join(",")];
  for (const { event: e, repeated } of rows) {
    lines.push(
      [e.createdAt, words.jst(e.createdAt), e.actor.type, e.actor.name ?? "", e.action, words.action(e.action), e.target.type ?? "", e.target.id ?? "", targetName(e) ?? "", viewedWhat(e) ?? "", String(repeated), e.ip ?? "", e.requestId ?? ""]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
