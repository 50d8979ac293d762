// Kubernetes versions offered: the three newest minors, newest first.
export const KUBERNETES_VERSIONS = ["1.37", "1.36", "1.35"] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** The next minor after `version`, if it is offered (upgrades go one minor at a time). */
export function nextMinor(version: string): string | undefined {
  const [major, minor] = version.split(".").map(Number);
  const candidate = `${major}.${minor + 1}`;
  return (KUBERNETES_VERSIONS as readonly string[]).includes(candidate) ? candidate : undefined;
}
