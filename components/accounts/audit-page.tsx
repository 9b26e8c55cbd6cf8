"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useCan } from "@/components/auth/viewer-context";
import { RoleNotice } from "@/components/ui/role-notice";
import { AuditFiltersForm } from "./audit-filters-form";
import { AuditTable } from "./audit-table";
import { auditUrl, filtersFromSearch, filterSearch, type AuditFilters } from "./audit-url";
import { SectionCard, TableQuery } from "./section-card";
import { useAudit } from "./use-accounts";

const FIRST_PAGE = 200;
const MOST = 5000;

function PageHeader() {
  return (
    <header>
      <h1 className="text-3xl font-semibold tracking-tight text-white">Audit log</h1>
      <p className="mt-1 max-w-3xl text-slate-300">
        Every change, made in the console or through the API, and every one refused: who asked, with which role and token, from where, and how it ended. Times are UTC.
      </p>
    </header>
  );
}

function AuditLog() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname() ?? "/audit";
  const key = search.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(key)), [key]);
  const [limit, setLimit] = useState(FIRST_PAGE);
  const audit = useAudit(filters, limit, true);
  const rows = audit.data ?? [];
  const filtering = Object.keys(filters).length > 0;

  function apply(next: AuditFilters) {
    setLimit(FIRST_PAGE);
    const q = filterSearch(next);
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  }

  return (
    <SectionCard
      id="audit-log"
      title={filtering ? "Matching entries" : "Newest entries"}
      actions={
        <a
          href={auditUrl(filters, { limit: MOST, format: "csv" })}
          download="barista-audit.csv"
          data-testid="audit-csv"
          className="rounded-lg px-4 py-2 font-semibold text-slate-100 ring-1 ring-panel-edge hover:bg-slate-700/60"
        >
          Download CSV
        </a>
      }
    >
      {/* Keyed by the URL, so Back and a pasted link show their own filters in the fields. */}
      <AuditFiltersForm key={key} filters={filters} onApply={apply} />
      <TableQuery
        query={audit}
        what="the audit log"
        empty={
          filtering
            ? { title: "No entry matches these filters", body: "Parts of text match anywhere (ada matches ada@example.com); widen the times or clear the filters." }
            : { title: "Nothing recorded yet", body: "Changes appear here as soon as anyone makes one." }
        }
      >
        <AuditTable entries={rows} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-panel-edge px-5 py-3 text-slate-300">
          <p data-testid="audit-shown">
            Showing the newest <span className="font-semibold tabular-nums text-white">{rows.length.toLocaleString("en-US")}</span> {rows.length === 1 ? "entry" : "entries"}
            {filtering ? " that match" : ""}.
          </p>
          {rows.length >= limit && limit < MOST && (
            <button type="button" onClick={() => setLimit(Math.min(MOST, limit * 5))} className="rounded-lg px-4 py-1.5 text-slate-100 ring-1 ring-panel-edge hover:bg-slate-700/60">
              Show up to {Math.min(MOST, limit * 5).toLocaleString("en-US")}
            </button>
          )}
        </div>
      </TableQuery>
    </SectionCard>
  );
}

/** The audit log for admins, with its filters in the URL and a CSV of the same entries. */
export function AuditPage() {
  const admin = useCan("admin");
  return (
    <div className="mx-auto max-w-[96rem] px-6 pb-16 pt-6">
      <PageHeader />
      {admin ? (
        <AuditLog />
      ) : (
        <RoleNotice what="Reading the audit log" access="admin" />
      )}
    </div>
  );
}
