import type { Command } from "commander";
import type { Locale } from "@/lib/i18n/locales";
import { createHinokiClient, type HinokiClient } from "@/lib/sdk/client";
import { CliError, EXIT } from "./exit-codes";
import { cliLocale, translator, type Translate } from "./locale";
import { createOutput, type Output } from "./output";
import { profilesPath, readProfiles, type Profile } from "./profiles";

// What every command runs with: the profile it acts as (--profile, HINOKI_PROFILE, or the one
// `hinoki login` made current), the SDK client on that profile's token, the org, the language,
// and where it prints.

export const CLI_VERSION = "0.1.0";

export interface GlobalOptions {
  profile?: string;
  org?: string;
  json?: boolean;
  lang?: string;
}

export interface CliContext {
  locale: Locale;
  t: Translate;
  out: Output;
  profileName: string;
  profile: Profile | undefined;
  /** The SDK client of the profile; fails with "log in first" when there is none. */
  api(): HinokiClient;
  /** The org to act on: --org, else the profile's. */
  org(): string;
}

export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function contextFor(command: Command, userAgent = `hinoki-cli/${CLI_VERSION}`): CliContext {
  const options = globalsOf(command);
  const locale = cliLocale(options.lang);
  const t = translator(locale);
  const file = readProfiles(profilesPath());
  const profileName = options.profile ?? process.env.HINOKI_PROFILE ?? file.current;
  const profile = file.profiles[profileName];
  let client: HinokiClient | undefined;
  return {
    locale,
    t,
    out: createOutput(Boolean(options.json), locale),
    profileName,
    profile,
    api() {
      if (!profile) throw new CliError(t("notLoggedIn", { profile: profileName }), EXIT.auth);
      client ??= createHinokiClient({ baseUrl: profile.url, token: profile.token, acceptLanguage: locale, userAgent });
      return client;
    },
    org() {
      const org = options.org ?? profile?.org;
      if (!org) throw new CliError(t("noOrg"), EXIT.usage);
      return org;
    },
  };
}
