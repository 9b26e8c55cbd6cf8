"use client";

import { RANGES, type RangeId } from "./ranges";

/** The chart ranges as one segmented control. */
export function RangePicker({ value, onChange }: { value: RangeId; onChange: (id: RangeId) => void }) {
  return (
    <div role="radiogroup" aria-label="Chart range" className="inline-flex overflow-hidden rounded-lg ring-1 ring-panel-edge">
      {RANGES.map((r) => (
        <button
          key={r.id}
          type="button"
          role="radio"
          aria-checked={value === r.id}
          onClick={() => onChange(r.id)}
          className={`px-2.5 py-1 text-[0.95rem] tabular-nums ${value === r.id ? "bg-sky-500/25 font-semibold text-white" : "text-slate-300 hover:bg-slate-700/60"}`}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
