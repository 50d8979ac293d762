import { DCGM_FIELDS, type DcgmField } from "./telemetry";

// The Prometheus text exposition format (version 0.0.4), as dcgm-exporter writes it: one HELP and
// TYPE per metric family, then one line per GPU with its labels. Pure, for the route and tests.

export interface PrometheusGpu {
  labels: Record<string, string>;
  values: Record<DcgmField, number>;
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function renderPrometheusText(gpus: readonly PrometheusGpu[]): string {
  const lines: string[] = [];
  for (const [field, meta] of Object.entries(DCGM_FIELDS) as [DcgmField, (typeof DCGM_FIELDS)[DcgmField]][]) {
    lines.push(`# HELP ${field} ${escapeHelp(meta.help)}`, `# TYPE ${field} ${meta.type}`);
    for (const gpu of gpus) {
      const labels = Object.entries(gpu.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      lines.push(`${field}{${labels}} ${gpu.values[field]}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
