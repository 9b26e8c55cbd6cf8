"use client";

import type { FormEvent } from "react";
import { FieldBox, fieldProps } from "@/components/ui/form-fields";
import { inputFromIso, isoFromInput, type AuditFilters } from "./audit-url";

type Props = {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
};

/** Who, what, which target and when: the parts of text match anywhere; times are UTC minutes. */
export function AuditFiltersForm({ filters, onApply }: Props) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim() || undefined;
    onApply({
      actor: text("actor"),
      action: text("action"),
      target: text("target"),
      from: isoFromInput(String(form.get("from") ?? ""), "from"),
      to: isoFromInput(String(form.get("to") ?? ""), "to"),
    });
  }

  const filtering = Object.values(filters).some(Boolean);
  return (
    <form data-testid="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={submit} className="border-b border-panel-edge px-5 py-4">
      <div className="grid grid-cols-1 items-start gap-x-4 gap-y-3 md:grid-cols-3 xl:grid-cols-[1.2fr_1.2fr_1.2fr_1fr_1fr_auto]">
        <FieldBox prefix="audit" id="actor" label="Actor">
          <input {...fieldProps("audit", "actor", undefined)} defaultValue={filters.actor ?? ""} placeholder="ada@example.com" spellCheck={false} autoComplete="off" />
        </FieldBox>
        <FieldBox prefix="audit" id="action" label="Action">
          <input {...fieldProps("audit", "action", undefined)} defaultValue={filters.action ?? ""} placeholder="DELETE /api/v1/tokens" spellCheck={false} autoComplete="off" />
        </FieldBox>
        <FieldBox prefix="audit" id="target" label="Target">
          <input {...fieldProps("audit", "target", undefined)} defaultValue={filters.target ?? ""} placeholder="/api/v1/ns/default" spellCheck={false} autoComplete="off" />
        </FieldBox>
        <FieldBox prefix="audit" id="from" label="From (UTC)">
          <input {...fieldProps("audit", "from", undefined)} type="datetime-local" defaultValue={inputFromIso(filters.from)} />
        </FieldBox>
        <FieldBox prefix="audit" id="to" label="To (UTC)">
          <input {...fieldProps("audit", "to", undefined)} type="datetime-local" defaultValue={inputFromIso(filters.to)} />
        </FieldBox>
        <div className="flex gap-2 xl:pt-6">
          <button type="submit" className="whitespace-nowrap rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white shadow hover:bg-sky-800">
            Apply
          </button>
          {filtering && (
            <button type="button" onClick={() => onApply({})} className="whitespace-nowrap rounded-lg px-4 py-2 text-slate-200 ring-1 ring-panel-edge hover:bg-slate-700/60">
              Clear
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
