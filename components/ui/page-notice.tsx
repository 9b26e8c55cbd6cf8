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
export function RoleNotice({ need, who, role, what }: { need: string; who: string; role: string; what: string }) {
  return (
    <div data-testid="role-notice" role="status" className="mt-6 rounded-xl border border-amber-400/40 bg-amber-500/10 px-5 py-4">
      <p className="text-lg font-semibold text-amber-100">This page needs the {need} role</p>
      <p className="mt-1 text-slate-200">
        {what} You are {who} with the <strong>{role}</strong> role; an admin of this Barista can change that on the Users page.
      </p>
    </div>
  );
}
