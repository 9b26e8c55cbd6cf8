import type { ReactNode } from "react";

const INPUT =
  "w-full rounded-lg border bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:outline-none disabled:cursor-not-allowed disabled:opacity-60";

export function inputClass(error: string | undefined): string {
  return `${INPUT} ${error ? "border-rose-400 focus:border-rose-300" : "border-panel-edge focus:border-sky-400"}`;
}

/** The props every input of a form shares: its id (`<form prefix>-<field>`), and the link to its error for screen readers. */
export function fieldProps(prefix: string, id: string, error: string | undefined) {
  return {
    id: `${prefix}-${id}`,
    name: id,
    "aria-invalid": Boolean(error),
    "aria-describedby": error ? `${prefix}-${id}-error` : undefined,
    className: inputClass(error),
  };
}

/** A label, the input, then its error (or a hint) right below it. */
export function FieldBox({
  prefix,
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  prefix: string;
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`min-w-0 ${className ?? ""}`}>
      <label htmlFor={`${prefix}-${id}`} className="mb-1 block text-sm font-medium text-slate-300">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${prefix}-${id}-error`} data-testid={`field-error-${id}`} className="mt-1 text-sm text-rose-300">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-sm text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}

/** A form's error that is about no one field (or a page's, when loading it failed); nothing when there is none. */
export function FormError({ message, id, testId = "form-error", className = "" }: { message: string | null | undefined; id?: string; testId?: string; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" data-testid={testId} className={`rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-2 text-rose-200 ${className}`}>
      {message}
    </p>
  );
}
