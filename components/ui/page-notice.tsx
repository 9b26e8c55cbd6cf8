"use client";

/** A page's one-line message under its header (what was just added or deleted), announced and dismissable. */
export function PageNotice({ notice, onDismiss }: { notice: string | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" className="mt-4 empty:hidden">
      {notice && (
        <p data-testid="notice" className="flex items-center gap-3 rounded-lg border border-panel-edge bg-panel px-4 py-2 text-slate-200">
          <span className="flex-1">{notice}</span>
          <button type="button" onClick={onDismiss} className="text-sm text-slate-300 hover:text-white" aria-label="Dismiss">
            ✕
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * What a page shows instead of its content when the viewer's role is not enough: which role it
 * needs, what the viewer has, and who can change that. The server refuses the page's API anyway.
 */
