"use client";
import { useTranslations } from "next-intl";
import { TIME_ZONE } from "@/lib/i18n/locales";

// A small line chart in plain SVG (no chart library: this is all the page needs), with the same
// numbers in a table beside it for screen readers and for anyone who wants the figures.

export interface Series {
  label: string;
  className: string;
  values: Array<number | null>;
}

const W = 560;
const H = 160;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

export function timeLabel(iso: string, withDate: boolean, locale: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(withDate ? { month: "numeric", day: "numeric" } : {}),
  }).format(new Date(iso));
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

export function MetricsChart({ title, times, series, withDate, locale, format, empty }: { title: string; times: string[]; series: Series[]; withDate: boolean; locale: string; format: (n: number) => string; empty?: string }) {
  const t = useTranslations("endpoints.metrics");
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...all));
  const x = (i: number) => PAD.left + (i / Math.max(1, times.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, Math.floor((times.length - 1) / 2), times.length - 1].filter((i, k, a) => times[i] && a.indexOf(i) === k);

  const path = (values: Array<number | null>) => {
    let d = "";
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const hasData = all.some((v) => v > 0);
  const summary = series.map((s) => `${s.label}: ${format(Math.max(0, ...s.values.filter((v): v is number => v !== null)))}`).join(", ");

  return (
    <figure className="rounded-lg border border-line bg-white p-4">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm font-medium">
        {title}
        <span className="flex gap-3 text-xs font-normal text-muted">
          {series.map((s) => (
            <span key={s.label} className="flex items-center gap-1">
              <span aria-hidden className={`inline-block h-0.5 w-4 ${s.className.replace("stroke-", "bg-")}`} />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`${title} — max ${summary}`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
              {format(max * f)}
            </text>
          </g>
        ))}
        {ticks.map((i) => (
          <text key={i} x={x(i)} y={H - 6} textAnchor={i === 0 ? "start" : i === times.length - 1 ? "end" : "middle"} className="fill-slate-500 text-[10px]">
            {timeLabel(times[i], withDate, locale)}
          </text>
        ))}
        {series.map((s) => (
          <path key={s.label} d={path(s.values)} fill="none" strokeWidth={1.75} className={s.className} />
        ))}
      </svg>
      {!hasData ? <p className="mt-1 text-xs text-muted">{empty ?? t("noData")}</p> : null}
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-brand-700">{t("table")}</summary>
        <div className="mt-2 max-h-56 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 font-semibold text-muted">{t("time")}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="py-1 pr-3 text-right font-semibold text-muted">{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((time, i) =>
                series.some((s) => (s.values[i] ?? 0) > 0) ? (
                  <tr key={time} className="border-t border-line">
                    <th scope="row" className="py-1 pr-3 font-normal">{timeLabel(time, true, locale)}</th>
                    {series.map((s) => (
                      <td key={s.label} className="tabular py-1 pr-3 text-right">{s.values[i] === null ? "—" : format(s.values[i] as number)}</td>
                    ))}
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
