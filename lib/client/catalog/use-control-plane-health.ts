import { useQuery } from "@tanstack/react-query";
import { catalogKeys } from "./keys";

export type ComponentState = "ok" | "down";

export interface ControlPlaneHealthState {
  /** The control plane's state; "unknown" until the first answer, or when the console itself did not answer. */
  status: "ok" | "down" | "unknown";
  checkedAt: string;
  /** Whether the console answered at all (its API, not this page's cached HTML). */
  consoleAnswered: boolean;
  /** Every part /api/health names for a signed-in reader (database, controlPlane, …). */
  components: Record<string, ComponentState>;
}

// /api/health answers 503 with the same body when a component is down, so this reads the
// body whatever the status (the SDK would turn the 503 into an ApiError and drop the body).
async function fetchHealth(signal: AbortSignal): Promise<ControlPlaneHealthState> {
  const checkedAt = new Date().toISOString();
  try {
    const response = await fetch("/api/health", { headers: { accept: "application/json" }, credentials: "same-origin", signal });
    const body = (await response.json()) as { components?: Record<string, { status?: string }> };
    const components = Object.fromEntries(
      Object.entries(body.components ?? {}).map(([name, c]) => [name, c.status === "ok" ? "ok" : "down"] as const),
    ) as Record<string, ComponentState>;
    const status = body.components?.controlPlane?.status;
    return { status: status === "ok" ? "ok" : status === "down" ? "down" : "unknown", checkedAt, consoleAnswered: true, components };
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    return { status: "unknown", checkedAt, consoleAnswered: false, components: {} };
  }
}

/** Polls the console's health every 30 seconds (the outage banner and the 稼働状況 page read it). */
export function useControlPlaneHealth() {
  return useQuery({
    queryKey: catalogKeys.health(),
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
