"use client";
import { cn } from "./cn";

// A row of mutually exclusive choices (a chart's time range), as a radio group: one tab stop,
// the choice said by aria-checked, not by colour alone.

export function RangeSwitch<T extends string>({ label, options, value, onChange }: { label: string; options: ReadonlyArray<{ value: T; label: string }>; value: T; onChange: (value: T) => void }) {
  return (
    <div role="radiogroup" aria-label={label} className="flex gap-1 rounded-md border border-line bg-white p-1">
      {options.map((o) => (
        <button key={o.value} type="button" role="radio" aria-checked={value === o.value} onClick={() => onChange(o.value)} className={cn("rounded px-3 py-1 text-sm", value === o.value ? "bg-brand-600 text-white" : "text-muted hover:bg-black/5")}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
