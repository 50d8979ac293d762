"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// The billing pages' one chart: bars of yen per key. Loaded on demand (next/dynamic) so recharts
// stays out of every other page's bundle; an accessible table always sits beside it.

export interface ChartDatum {
  key: string;
  label: string;
  costJpy: number;
}

function compactYen(value: number, locale: Locale): string {
  if (Math.abs(value) >= 100_000_000) return `¥${(value / 100_000_000).toFixed(1)}${locale === "ja" ? "億" : "00M"}`;
  if (Math.abs(value) >= 10_000) return locale === "ja" ? `¥${Math.round(value / 10_000).toLocaleString("ja-JP")}万` : `¥${Math.round(value / 1000).toLocaleString("en-US")}k`;
  return formatYen(value, locale);
}

export default function CostChart({ data, locale, label}: { data: ChartDatum[]; locale: Locale; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" tickLine={false} />
          <YAxis tickFormatter={(v: number) => compactYen(v, locale)} tick={{ fontSize: 11 }} width={72} tickLine={false} axisLine={false} />
          <Tooltip formatter={(v) => [formatYen(Number(v), locale), ""]} labelStyle={{ fontWeight: 600 }} cursor={{ fill: "rgba(15, 23, 42, 0.05)" }} />
          <Bar dataKey="costJpy" radius={[3, 3, 0, 0]} fill="#25654a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
