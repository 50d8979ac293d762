import { z } from "zod";
import { Timestamp } from "./common";

export const AuditEvent = z.object({
  id: z.string(),
  action: z.string().describe("e.g. member.invite, cluster.create"),
  actor: z.object({
    type: z.enum(["user", "api_token", "staff", "system"]),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The audit log as evidence: every entry the filters match (not only the loaded page), as CSV or JSON. */
export const AuditExportQuery = AuditQuery.extend({
  format: z.enum(["csv", "json"]).default("csv"),
  lang: z.enum(["ja", "en"]).optional().describe("the language of the action names and the CSV header (default: the caller's)"),
});
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
