"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** The buttons of table rows: compact, and a wait cursor while their action runs. */
export const ROW_BUTTON = "whitespace-nowrap rounded-md px-3 py-1 text-[0.95rem] font-medium transition-colors disabled:cursor-wait disabled:opacity-60";

/** A destructive action's first step in a row (Remove, Revoke, Delete): it only asks, ConfirmInRow acts. */
export function DangerRowButton({ label, disabled, onAsk, children }: { label: string; disabled?: boolean; onAsk: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onAsk} disabled={disabled} aria-label={label} className={`${ROW_BUTTON} text-rose-300 ring-1 ring-rose-400/40 hover:bg-rose-500/15`}>
      {children}
    </button>
  );
}

type ConfirmProps = {
  testId: string;
  /** For screen readers: `Confirm removing web-1`. */
  label: string;
  question: string;
  /** `Yes, remove` and, while it runs, `Removing…`. */
  confirm: string;
  busyText: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** A destructive action's second step in a row: the question, Yes and Cancel (focused first; Esc also cancels). */
export function ConfirmInRow({ testId, label, question, confirm, busyText, busy, onConfirm, onCancel }: ConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      data-testid={testId}
      role="group"
      aria-label={label}
      className="flex flex-col items-end gap-1"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <span className="text-sm text-rose-200">{question}</span>
      <span className="flex items-center gap-1.5">
        <button type="button" onClick={onConfirm} disabled={busy} className={`${ROW_BUTTON} bg-rose-600 text-white hover:bg-rose-500`}>
          {busy ? busyText : confirm}
        </button>
        <button ref={cancelRef} type="button" onClick={onCancel} disabled={busy} className={`${ROW_BUTTON} text-slate-200 ring-1 ring-slate-500 hover:bg-slate-700`}>
          Cancel
        </button>
      </span>
    </div>
  );
}

/** A row's error under it, across the whole table, until dismissed. */
export function RowError({ name, columns, error, onDismiss }: { name: string; columns: number; error: string; onDismiss: () => void }) {
  return (
    <tr data-testid="row-error" data-name={name}>
      <td colSpan={columns} className="px-4 pb-3">
        <p role="alert" className="flex items-start gap-3 rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-2 text-rose-200">
          <span className="flex-1">{error}</span>
          <button type="button" onClick={onDismiss} className="text-sm text-rose-200 underline-offset-2 hover:underline">
            Dismiss
          </button>
        </p>
      </td>
    </tr>
  );
}
