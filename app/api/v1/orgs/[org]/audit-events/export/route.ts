import { apiRoute } from "@/lib/api/route";
import { OrgParams } from "@/lib/api/params";
import { AuditExportQuery } from "@/lib/domain/audit";
import { exportAuditEvents } from "@/lib/services/audit/export-audit-events";

// The audit log as a file an auditor files as evidence; its SHA-256 rides along (Repr-Digest,
// RFC 9530, and a plain hex header) so the filed copy can be checked against it.
export const GET = apiRoute({ params: OrgParams, query: AuditExportQuery }, async ({ principal, params, query }) => {
  const file = await exportAuditEvents(principal, params.org, query);
  return new Response(file.body, {
    status: 200,
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "repr-digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
      "x-content-sha256": file.sha256,
      "x-audit-entries": String(file.count),
      "cache-control": "no-store",
    },
  });
});
