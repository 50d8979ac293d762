import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { formatYen } from "@/lib/i18n/format";
import { ok } from "@/lib/sdk/client";
import { renderFields, renderTable } from "../output";
import { action } from "../run";

// costs (month to date, by service; --usage for metered lines), invoices list | download.

export function registerBillingCommands(program: Command): void {
  program
    .command("costs")
    .description("Costs this month (JST) so far, forecast and budgets / 今月の利用料金と予測")
    .option("--usage", "metered usage per resource instead (with --from/--to)")
    .option("--from <date>", "with --usage: from (RFC 3339 or YYYY-MM-DD)")
    .option("--to <date>", "with --usage: to")
    .action(
      action(async (context, options: { usage?: boolean; from?: string; to?: string }) => {
        const { t, out, locale } = context;
        const org = context.org();
        if (options.usage) {
          const usage = await ok(context.api().GET("/api/v1/orgs/{org}/usage", { params: { path: { org }, query: { from: options.from, to: options.to } as never } }));
          out.print(usage, () =>
            renderTable(
              [t("colResource"), t("colService"), t("colSku"), t("colGpuHours"), t("colCost")],
              usage.items.map((u) => [u.resourceId, u.service, u.sku, u.gpuHours.toFixed(2), formatYen(u.costJpy, locale)]),
            ),
          );
          return;
        }
        const costs = await ok(context.api().GET("/api/v1/orgs/{org}/costs/month-to-date", { params: { path: { org } } }));
        out.print(costs, () =>
          renderFields([
            [t("colMonth"), costs.month],
            [t("colMonthToDate"), formatYen(costs.monthToDateJpy, locale)],
            [t("colForecast"), formatYen(costs.forecastJpy, locale)],
          ]) +
            "\n\n" +
            renderTable([t("colService"), t("colCost")], costs.byService.map((s) => [s.service, formatYen(s.monthToDateJpy, locale)])) +
            (costs.budgets.length ? "\n\n" + renderTable([t("colBudget"), t("colAmount"), t("colUsed")], costs.budgets.map((b) => [b.name, formatYen(b.monthlyAmountJpy, locale), `${Math.round(b.percentUsed)}%`])) : ""),
        );
      }),
    );

  const invoices = program.command("invoices").description("Invoices (適格請求書) / 請求書");
  invoices
    .command("list", { isDefault: true })
    .description("Issued invoices / 一覧")
    .action(
      action(async (context) => {
        const { t, out, locale } = context;
        const page = await ok(context.api().GET("/api/v1/orgs/{org}/invoices", { params: { path: { org: context.org() }, query: { limit: 200 } as never } }));
        out.print(page, () =>
          renderTable([t("colNumber"), t("colId"), t("colMonth"), t("colStatus"), t("colTotal"), t("colDue")], page.items.map((i) => [i.number, i.id, i.month, i.status, formatYen(i.totalJpy, locale), i.dueDate])),
        );
      }),
    );
  invoices
    .command("download <invoiceId>")
    .description("Save the invoice PDF (or CSV) / 請求書を保存します")
    .option("--format <format>", "pdf or csv", "pdf")
    .option("-o, --output <file>", "file to write (default: the invoice id with its extension)")
    .action(
      action(async (context, id: string, options: { format: string; output?: string }) => {
        const { t, out } = context;
        const org = context.org();
        const call =
          options.format === "csv"
            ? context.api().GET("/api/v1/orgs/{org}/invoices/{id}/csv", { params: { path: { org, id } }, parseAs: "arrayBuffer" })
            : context.api().GET("/api/v1/orgs/{org}/invoices/{id}/pdf", { params: { path: { org, id } }, parseAs: "arrayBuffer" });
        const bytes = Buffer.from((await ok(call as Promise<{ data?: ArrayBuffer; response: Response }>)) as ArrayBuffer);
        const file = options.output ?? `${id}.${options.format === "csv" ? "csv" : "pdf"}`;
        writeFileSync(file, bytes);
        out.print({ id, file, bytes: bytes.length }, () => t("saved", { file, bytes: bytes.length }));
      }),
    );
}
