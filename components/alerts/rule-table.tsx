"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { AlertRuleView } from "@/lib/validation/monitoring";
import { RuleRow } from "./rule-row";
import type { MciDirectory } from "./use-mci-directory";

type Props = {
  rules: UseQueryResult<AlertRuleView[], Error>;
  directory: MciDirectory;
  ready: boolean;
  onDeleted: (id: string) => void;
  /** The empty state points at the form when it is already open, and at operators when the viewer may not add rules. */
  formOpen: boolean;
  canCreate: boolean;
};

const COLUMNS = 7;

/** Every rule with its live state; the empty state says how to begin. */
export function RuleTable({ rules, directory, ready, onDeleted, formOpen, canCreate }: Props) {
  const rows = rules.data ?? [];
  return (
    <section aria-label="Alert rules" className="overflow-hidden rounded-xl border border-panel-edge bg-panel">
      {rules.isPending ? (
        <p className="px-6 py-10 text-center text-slate-300">Loading the alert rules…</p>
      ) : rules.isError && !rules.data ? (
        <div role="alert" className="px-6 py-10 text-center">
          <p className="text-xl font-semibold text-white">The alert rules could not be loaded</p>
          <p className="mx-auto mt-2 max-w-xl text-slate-300">{rules.error.message} The list retries by itself every 10 seconds.</p>
        </div>
      ) : rows.length === 0 ? (
        <div data-testid="rules-empty" className="px-6 py-10 text-center">
          <p className="text-xl font-semibold text-white">No alert rules yet</p>
          <p className="mx-auto mt-2 max-w-2xl text-slate-300">
            {canCreate ? (
              <>
                {formOpen ? "Fill in the form above" : <>Add one with <strong>New rule</strong></>}: pick a metric and a threshold, say how long it must hold, and which VMs to watch (one
                VM, an MCI or a whole namespace). Rules are checked every 10 seconds.
              </>
            ) : (
              "An operator adds rules: each watches a metric of one VM, an MCI or a whole namespace, and is checked every 10 seconds."
            )}
          </p>
        </div>
      ) : (
        <table data-testid="rule-table" className="w-full table-fixed text-left">
          <thead className="border-b border-panel-edge text-sm text-slate-400">
            <tr>
              <th className="w-[13%] py-2.5 pl-4 pr-3 font-medium">Name</th>
              <th className="w-[28%] py-2.5 pr-3 font-medium">Condition</th>
              <th className="w-[17%] py-2.5 pr-3 font-medium">Scope</th>
              <th className="w-[8%] py-2.5 pr-3 font-medium">Severity</th>
              <th className="w-[11%] py-2.5 pr-3 font-medium">Webhook</th>
              <th className="w-[9%] py-2.5 pr-3 font-medium">Now</th>
              <th className="w-[14%] py-2.5 pr-4 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RuleRow key={r.id} rule={r} directory={directory} ready={ready} columns={COLUMNS} onDeleted={onDeleted} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
