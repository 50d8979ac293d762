import type { Command } from "commander";
import { createHinokiClient, ok } from "@/lib/sdk/client";
import { CLI_VERSION } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { renderTable } from "../output";
import { profilesPath, readProfiles, writeProfiles } from "../profiles";
import { action } from "../run";

// login / logout / profiles / whoami: API tokens kept in the 0600 profile file.

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.trim();
}

export function registerAuthCommands(program: Command): void {
  program
    .command("login")
    .description("Log in with an API token (Settings → API tokens) and keep it in a profile / API トークンでログインし、プロファイルに保存します")
    .requiredOption("--url <url>", "console URL, e.g. https://console.hinoki.example")
    .option("--token <token>", "the API token (hk_…); or HINOKI_TOKEN, or --token-stdin")
    .option("--token-stdin", "read the token from standard input")
    .action(
      action(async (context, options: { url: string; token?: string; tokenStdin?: boolean }) => {
        const { t, out } = context;
        const token = options.tokenStdin ? await readStdin() : (options.token ?? process.env.HINOKI_TOKEN);
        if (!token) throw new CliError(t("loginNeedsToken"), EXIT.usage);
        const url = options.url.replace(/\/+$/, "");
        const api = createHinokiClient({ baseUrl: url, token, acceptLanguage: context.locale, userAgent: `hinoki-cli/${CLI_VERSION}` });
        const me = await ok(api.GET("/api/v1/me"));
        const file = readProfiles();
        const previous = file.profiles[context.profileName];
        const org = program.opts().org as string | undefined;
        const onlyOrg = me.memberships.length === 1 ? me.memberships[0].orgSlug : undefined;
        file.profiles[context.profileName] = { url, token, org: org ?? onlyOrg ?? previous?.org, tokenName: me.user.name };
        file.current = context.profileName;
        writeProfiles(file);
        const saved = file.profiles[context.profileName];
        out.print({ profile: context.profileName, url, org: saved.org ?? null, user: me.user, memberships: me.memberships, file: profilesPath() }, () =>
          t("loggedIn", { profile: context.profileName, name: me.user.name, org: saved.org ?? "-", file: profilesPath() }),
        );
      }),
    );

  program
    .command("logout")
    .description("Forget the profile's token / プロファイルのトークンを削除します")
    .action(
      action(async ({ t, out, profileName }) => {
        const file = readProfiles();
        const existed = profileName in file.profiles;
        delete file.profiles[profileName];
        writeProfiles(file);
        out.print({ profile: profileName, removed: existed }, () => t(existed ? "loggedOut" : "noSuchProfile", { profile: profileName }));
      }),
    );

  const profiles = program.command("profiles").description("Profiles in the profile file / 保存されたプロファイル");
  profiles
    .command("list", { isDefault: true })
    .description("List profiles (tokens are never printed) / 一覧")
    .action(
      action(async ({ t, out }) => {
        const file = readProfiles();
        const rows = Object.entries(file.profiles).map(([name, p]) => ({ name, current: name === file.current, url: p.url, org: p.org ?? null, tokenPrefix: p.token.slice(0, 8) }));
        out.print(rows, () => renderTable([t("colCurrent"), t("colProfile"), t("colUrl"), t("colOrg"), t("colToken")], rows.map((r) => [r.current ? "*" : "", r.name, r.url, r.org, `${r.tokenPrefix}…`])));
      }),
    );
  profiles
    .command("use <name>")
    .description("Make a profile the current one / 既定のプロファイルを切り替えます")
    .action(
      action(async ({ t, out }, name: string) => {
        const file = readProfiles();
        if (!file.profiles[name]) throw new CliError(t("noSuchProfile", { profile: name }), EXIT.usage);
        file.current = name;
        writeProfiles(file);
        out.print({ current: name }, () => t("profileSwitched", { profile: name }));
      }),
    );

  program
    .command("whoami")
    .description("Who the profile's token is / トークンの主体")
    .action(
      action(async ({ api, t, out, profileName }) => {
        const me = await ok(api().GET("/api/v1/me"));
        out.print(me, () => `${me.user.name} <${me.user.email}> (${profileName})\n` + renderTable([t("colOrg"), t("colRole")], me.memberships.map((m) => [`${m.orgSlug} ${m.orgName}`, m.role])));
      }),
    );
}
