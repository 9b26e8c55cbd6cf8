import type { ReactNode } from "react";

/** One titled block of an accounts page: a heading, a line saying what it is for, then its content. */
export function SectionCard({ id, title, intro, actions, children }: { id: string; title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mt-6 rounded-xl border border-panel-edge bg-panel">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2 px-5 pb-3 pt-4">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-xl font-semibold text-white">
            {title}
          </h2>
          {intro && <p className="mt-0.5 max-w-3xl text-slate-300">{intro}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table's loading, failure and empty states, in the section's own frame. */
export function TableState({ tone = "info", title, children }: { tone?: "info" | "error"; title: string; children?: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : undefined} className="border-t border-panel-edge px-6 py-8 text-center">
      <p className={`text-lg font-semibold ${tone === "error" ? "text-rose-200" : "text-white"}`}>{title}</p>
      {children && <p className="mx-auto mt-1 max-w-2xl text-slate-300">{children}</p>}
    </div>
  );
}

/** What a table's query gives: the rows once loaded, else its state. */
interface TableQueryState {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data?: readonly unknown[];
}

/**
 * A table of one query: loading, the server's message when it failed (while nothing is on screen),
 * the empty state, or the table itself.
 */
export function TableQuery({ query, what, empty, children }: { query: TableQueryState; what: string; empty: { title: string; body?: ReactNode }; children: ReactNode }) {
  if (query.isPending) return <TableState title={`Loading ${what}…`} />;
  if (query.isError && !query.data) {
    return (
      <TableState tone="error" title={`${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`}>
        {query.error?.message}
      </TableState>
    );
  }
  if (!query.data?.length) return <TableState title={empty.title}>{empty.body}</TableState>;
  return <>{children}</>;
}

export const TH = "py-2.5 pr-3 font-medium first:pl-5 last:pr-5";
export const TD = "py-2.5 pr-3 first:pl-5 last:pr-5";
