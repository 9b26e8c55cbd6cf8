"use client";

import { useState } from "react";

type Props = {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max?: number;
  step?: number;
  /** Empty means "no limit" (value null); otherwise empty is not a value. */
  optional?: boolean;
  placeholder?: string;
  unit?: string;
  integer?: boolean;
  className?: string;
  testId?: string;
};

/**
 * A number input that lets the user clear it and type freely: only a valid number is handed up,
 * and leaving the field puts back the last valid one.
 */
export function NumberField({ label, value, onChange, min, max, step = 1, optional, placeholder, unit, integer, className = "", testId }: Props) {
  const [text, setText] = useState(value === null ? "" : String(value));
  const [shown, setShown] = useState(value);
  // The value changed from outside (a reset, "apply to all"): show it.
  if (value !== shown) {
    setShown(value);
    setText(value === null ? "" : String(value));
  }

  function parse(raw: string): number | null | undefined {
    if (raw.trim() === "") return optional ? null : undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (max !== undefined && n > max)) return undefined;
    if (integer && !Number.isInteger(n)) return undefined;
    return n;
  }

  return (
    <label className={`block min-w-0 ${className}`}>
      <span className="mb-0.5 block text-sm text-slate-400">{label}</span>
      <span className="flex items-center rounded-lg border border-panel-edge bg-sea focus-within:border-sky-400">
        <input
          type="number"
          inputMode={integer ? "numeric" : "decimal"}
          data-testid={testId}
          value={text}
          min={min}
          max={max}
          step={step}
          placeholder={placeholder}
          aria-invalid={parse(text) === undefined}
          onChange={(e) => {
            setText(e.target.value);
            const n = parse(e.target.value);
            if (n !== undefined) {
              setShown(n);
              onChange(n);
            }
          }}
          onBlur={() => setText(shown === null ? "" : String(shown))}
          className="w-full min-w-0 bg-transparent px-2.5 py-1.5 text-base tabular-nums text-white placeholder:text-slate-500 focus:outline-none aria-[invalid=true]:text-rose-300"
        />
        {unit && <span className="pr-2.5 text-sm text-slate-400">{unit}</span>}
      </span>
    </label>
  );
}
