"use client";

import { useEffect, useRef, type ReactNode } from "react";

type Props = {
  /** For screen readers: `Confirm delete`. */
  label: string;
  /** The destructive button's text: `Delete MCI`. */
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Question and buttons on one line (a wide panel) instead of the buttons under the question. */
  inline?: boolean;
  /** The question, saying what will be lost. */
  children: ReactNode;
};

/** A destructive action's second step in a panel: the question, the action and Cancel (focused first; Esc also cancels). */
export function ConfirmPanel({ label, confirm, onConfirm, onCancel, inline = false, children }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const buttons = (
    <>
      <button type="button" onClick={onConfirm} className="rounded-md bg-rose-600 px-3 py-1 font-medium text-white hover:bg-rose-500">
        {confirm}
      </button>
      <button
        ref={cancelRef}
        type="button"
        onClick={onCancel}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
        }}
        className="rounded-md px-3 py-1 text-slate-200 hover:bg-slate-700/60"
      >
        Cancel
      </button>
    </>
  );
  return (
    <div role="alertdialog" aria-label={label} className={`rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-2 ${inline ? "mt-1.5 flex flex-wrap items-center gap-3" : "mt-2"}`}>
      <p className={inline ? "min-w-0 flex-1 text-rose-100" : "text-rose-100"}>{children}</p>
      {inline ? buttons : <div className="mt-2 flex gap-2">{buttons}</div>}
    </div>
  );
}
