import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

// Where `hinoki login` keeps its API tokens: one JSON file, readable by its owner only (0600,
// in a 0700 directory), holding several named profiles — one per console and org, like the
// profiles of aws or gcloud. Written to a temporary file and renamed, so a crash never leaves
// half a file.

export interface Profile {
  url: string;
  token: string;
  /** The org slug commands act on unless --org says otherwise. */
  org?: string;
  /** Who the token is, at login (for `hinoki profiles`). */
  tokenName?: string;
}

export interface ProfileFile {
  current: string;
  profiles: Record<string, Profile>;
}

export function profilesPath(env: Record<string, string | undefined> = process.env): string {
  if (env.HINOKI_CONFIG) return env.HINOKI_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "hinoki", "profiles.json");
}

export function readProfiles(file = profilesPath()): ProfileFile {
  if (!existsSync(file)) return { current: "default", profiles: {} };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<ProfileFile>;
  return { current: parsed.current ?? "default", profiles: parsed.profiles ?? {} };
}

export function writeProfiles(content: ProfileFile, file = profilesPath()): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content, null, 2) + "\n", { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
