// Types for the npm package the tests use to read the Prometheus feed as a scraper would.
declare module "parse-prometheus-text-format" {
  interface Metric {
    value?: string;
    labels: Record<string, string>;
  }
  interface MetricFamily {
    name: string;
    help: string;
    type: "GAUGE" | "COUNTER" | "SUMMARY" | "HISTOGRAM" | "UNTYPED";
    metrics: Metric[];
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
