import type { Tone } from "@/components/ui/badge";

export function resourceTone(status: string): Tone {
  if (status === "running") return "success";
  if (status === "failed") return "danger";
  if (status === "deleted") return "neutral";
  return "info";
}

export function residencyTone(status: string): Tone {
  if (status === "affirming") return "success";
  if (status === "warning" || status === "pending" || status === "expired") return "warning";
  return "danger";
}
