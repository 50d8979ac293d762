import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";

// `hinoki kubeconfig` merges a cluster's credentials into the user's kubeconfig the way
// `gcloud container clusters get-credentials` does: entries of the same name are replaced, the
// others kept, and the new context becomes current. The file stays readable by its owner only.

interface Named {
  name: string;
  [key: string]: unknown;
}
interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  "current-context"?: string;
  [key: string]: unknown;
}

/** The file kubectl reads: the first path of $KUBECONFIG, else ~/.kube/config. */
export function defaultKubeconfigPath(env: Record<string, string | undefined> = process.env): string {
  const first = env.KUBECONFIG?.split(path.delimiter).find(Boolean);
  return first ?? path.join(env.HOME || homedir(), ".kube", "config");
}

function mergeList(existing: Named[] | undefined, incoming: Named[] | undefined): Named[] {
  const names = new Set((incoming ?? []).map((e) => e.name));
  return [...(existing ?? []).filter((e) => !names.has(e.name)), ...(incoming ?? [])];
}

export function mergeKubeconfig(existingText: string | null, incomingText: string, switchContext: boolean): string {
  const existing = (existingText ? parse(existingText) : null) as KubeconfigDoc | null;
  const incoming = parse(incomingText) as KubeconfigDoc;
  if (!existing) return stringify(incoming);
  const merged: KubeconfigDoc = {
    ...existing,
    apiVersion: existing.apiVersion ?? "v1",
    kind: existing.kind ?? "Config",
    clusters: mergeList(existing.clusters, incoming.clusters),
    users: mergeList(existing.users, incoming.users),
    contexts: mergeList(existing.contexts, incoming.contexts),
  };
  if (switchContext || !existing["current-context"]) merged["current-context"] = incoming["current-context"];
  return stringify(merged);
}

export function writePrivate(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function mergeIntoFile(file: string, incomingText: string, switchContext: boolean): void {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : null;
  writePrivate(file, mergeKubeconfig(existing, incomingText, switchContext));
}
