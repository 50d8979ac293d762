import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CostsQuery } from "@/lib/domain/billing-api";
import { exportFocusCsv } from "@/lib/services/billing/export-focus-csv";
import { getCostReport } from "@/lib/services/billing/get-cost-report";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams, query: CostsQuery }, async ({ principal, params, query }) => {
  if (query.format === "focus-csv") {
    const { filename, chunks } = await exportFocusCsv(principal, params.org, query);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(stream, { status: 200, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
  }
  return ok(await getCostReport(await processControlPlane(), principal, params.org, query));
});
