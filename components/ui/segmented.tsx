"use client";

/** A row of mutually exclusive choices, as radio buttons. */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  compact = false,
}: {
  label: string;
  value: T;
  options: readonly { id: T; label: string }[];
  onChange: (id: T) => void;
  /** Smaller, for strips over the map. */
  compact?: boolean;
}) {
  return (
    <span role="radiogroup" aria-label={label} className={`inline-flex overflow-hidden ring-1 ring-panel-edge ${compact ? "rounded-md" : "rounded-lg"}`}>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          role="radio"
          aria-checked={value === o.id}
          onClick={() => onChange(o.id)}
          className={`${compact ? "px-2 py-0.5" : "px-2.5 py-1 text-[0.95rem] tabular-nums"} ${
            value === o.id ? "bg-sky-500/25 font-semibold text-white" : "text-slate-300 hover:bg-slate-700/60"
          }`}
        >
          {o.label}
        </button>
      ))}
    </span>
  );
}
