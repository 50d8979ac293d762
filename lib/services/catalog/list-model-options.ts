import "server-only";
import { MODELS } from "@/lib/domain/catalog";
import type { ModelOption } from "@/lib/domain/catalog-api";

// The inference models the shapes page filters on ("fits model"), reduced to what that filter
// and the table show, so the page ships these few fields instead of the catalog module.

export function listModelOptions(): ModelOption[] {
  return MODELS.map((m) => ({ id: m.id, displayName: m.displayName, minGpuMemoryGb: m.minGpuMemoryGb, tensorParallel: { ...(m.tensorParallel ?? {}) } }));
}
