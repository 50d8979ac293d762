import type { Command } from "commander";
import { formatYen } from "@/lib/i18n/format";
import { ok } from "@/lib/sdk/client";
import { CliError, EXIT } from "../exit-codes";
import { reportAccepted, timeoutOption, type WaitFlags } from "../follow";
import { renderFields, renderTable, when } from "../output";
import { endpointId } from "../resolve";
import { action } from "../run";
import { integer } from "./clusters";

// endpoints list | get | create | scale | delete; keys create | revoke (the endpoint's API keys).

export function registerEndpointCommands(program: Command): void {
  const endpoints = program.command("endpoints").description("LLM inference endpoints / 推論エンドポイント");

  endpoints
    .command("list")
    .description("Endpoints of the org / 一覧")
    .action(
      action(async (context) => {
        const { t, out } = context;
        const page = await ok(context.api().GET("/api/v1/orgs/{org}/endpoints", { params: { path: { org: context.org() }, query: { limit: 200 } } }));
        out.print(page, () =>
          renderTable(
            [t("colName"), t("colId"), t("colStatus"), t("colModel"), t("colShape"), t("colReplicas")],
            page.items.map((e) => [e.name, e.id, t(`cluster_${e.status}`), e.modelId, e.shapeId, `${e.replicas.ready}/${e.replicas.current} (${e.minReplicas}–${e.maxReplicas})`]),
          ),
        );
      }),
    );

  endpoints
    .command("get <endpoint>")
    .description("One endpoint (name or id) / 詳細")
    .action(
      action(async (context, ref: string) => {
        const { t, out, locale } = context;
        const org = context.org();
        const id = await endpointId(context.api(), org, ref, t);
        const e = await ok(context.api().GET("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org, id } } }));
        out.print(e, () =>
          renderFields([
            [t("colName"), e.name],
            [t("colId"), e.id],
            [t("colStatus"), t(`cluster_${e.status}`)],
            [t("colModel"), e.modelId],
            [t("colShape"), e.shapeId],
            [t("colZone"), e.zoneId],
            [t("colReplicas"), `${e.replicas.ready}/${e.replicas.current} (${e.minReplicas}–${e.maxReplicas})`],
            [t("colBaseUrl"), e.basePath],
            [t("colPerHour"), formatYen(e.price.perHourAtMin.amount, locale)],
            [t("colCreated"), when(e.createdAt, locale)],
          ]),
        );
      }),
    );

  endpoints
    .command("create <name>")
    .description("Deploy a model on an endpoint / エンドポイントを作成します")
    .requiredOption("--model <id>", "model id (see the console's model catalog)")
    .requiredOption("--shape <id>", "GPU shape, e.g. l40s-1x")
    .requiredOption("--zone <id>", "zone, e.g. tokyo-1a")
    .option("--min <n>", "minimum replicas (0 scales to zero)", "1")
    .option("--max <n>", "maximum replicas", "1")
    .option("--wait", "follow until it serves")
    .option(...timeoutOption)
    .action(
      action(async (context, name: string, options: WaitFlags & { model: string; shape: string; zone: string; min: string; max: string }) => {
        const accepted = await context.api().POST("/api/v1/orgs/{org}/endpoints", {
          params: { path: { org: context.org() } },
          body: { name, modelId: options.model, shapeId: options.shape, zoneId: options.zone, minReplicas: integer(options.min, context), maxReplicas: integer(options.max, context) },
        });
        await reportAccepted(context, accepted, options, context.t("endpointReady", { name }));
      }),
    );

  endpoints
    .command("scale <endpoint>")
    .description("Change the replica bounds / レプリカ数を変更します")
    .option("--min <n>", "minimum replicas")
    .option("--max <n>", "maximum replicas")
    .option("--wait", "follow until done")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags & { min?: string; max?: string }) => {
        const { t } = context;
        if (options.min === undefined && options.max === undefined) throw new CliError(t("scaleNeedsBounds"), EXIT.usage);
        const org = context.org();
        const id = await endpointId(context.api(), org, ref, t);
        const accepted = await context.api().PATCH("/api/v1/orgs/{org}/endpoints/{id}", {
          params: { path: { org, id } },
          body: { minReplicas: options.min === undefined ? undefined : integer(options.min, context), maxReplicas: options.max === undefined ? undefined : integer(options.max, context) },
        });
        await reportAccepted(context, accepted, options, t("endpointScaled", { name: ref }));
      }),
    );

  endpoints
    .command("delete <endpoint>")
    .description("Delete an endpoint / エンドポイントを削除します")
    .option("--yes", "confirm (required)")
    .option("--wait", "follow until deleted")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags & { yes?: boolean }) => {
        const { t } = context;
        if (!options.yes) throw new CliError(t("confirmWithYes", { name: ref }), EXIT.usage);
        const org = context.org();
        const id = await endpointId(context.api(), org, ref, t);
        const accepted = await context.api().DELETE("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org, id } } });
        await reportAccepted(context, accepted, options, t("deleted", { name: ref }));
      }),
    );

  const keys = program.command("keys").description("API keys of an endpoint (for its OpenAI-compatible gateway) / エンドポイントの API キー");
  keys
    .command("create <endpoint>")
    .description("Create a key; its secret is shown this once / キーを作成します（シークレットは一度だけ表示）")
    .requiredOption("--name <name>", "what the key is for")
    .action(
      action(async (context, ref: string, options: { name: string }) => {
        const { t, out } = context;
        const org = context.org();
        const id = await endpointId(context.api(), org, ref, t);
        const key = await ok(context.api().POST("/api/v1/orgs/{org}/endpoints/{id}/keys", { params: { path: { org, id } }, body: { name: options.name } }));
        out.print(key, () => `${t("keyCreated", { name: key.name, id: key.id })}\n${key.secret}\n${t("shownOnce")}`);
      }),
    );
  keys
    .command("revoke <endpoint> <keyId>")
    .description("Revoke a key at once / キーを無効化します")
    .action(
      action(async (context, ref: string, keyId: string) => {
        const { t, out } = context;
        const org = context.org();
        const id = await endpointId(context.api(), org, ref, t);
        await context.api().DELETE("/api/v1/orgs/{org}/endpoints/{id}/keys/{keyId}", { params: { path: { org, id, keyId } } });
        out.print({ id: keyId, revoked: true }, () => t("keyRevoked", { id: keyId }));
      }),
    );
}
