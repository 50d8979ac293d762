// Where a customer asks for help, and what the first message carries so support can find the
// request in the logs without a round trip: the org, the page, and the request id of the last
// call that failed (the id the error message told the person to quote).

/** The default support contact; a deployment sets its own with HINOKI_SUPPORT_EMAIL (lib/server/support-email.ts). */
export const SUPPORT_EMAIL = "support@hinoki.example";

export interface SupportContext {
  orgSlug: string;
  page: string;
  requestId: string | null;
  subject: string;
  /** The body's lines in the reader's language, already filled in. */
  lines: string[];
}

/** A mailto: link with subject and body prefilled (RFC 6068: %20 for spaces, CRLF between lines). */
export function supportMailto(context: SupportContext, to: string = SUPPORT_EMAIL): string {
  const body = context.lines.join("\r\n");
  return `mailto:${to}?subject=${encodeURIComponent(context.subject)}&body=${encodeURIComponent(body)}`;
}
