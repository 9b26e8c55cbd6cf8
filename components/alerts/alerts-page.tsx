"use client";

import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { PageNotice } from "@/components/ui/page-notice";
import { useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useHydrated } from "@/components/connections/use-hydrated";
import type { AlertRuleView } from "@/lib/validation/monitoring";
import { AlertEvents } from "./alert-events";
import { RuleForm } from "./rule-form";
import { RuleTable } from "./rule-table";
import { alertKeys, firingCount, useAlertRules } from "./use-alerts";
import { useMciDirectory } from "./use-mci-directory";

const RULES_PAGE_POLL_MS = 5_000;

/** Alert rules with their live state, a form to add one (for who may), and the events they raise. */
export function AlertsPage() {
  const canCreate = useCan(useEndpoints().monitoring.createAlertRule.access);
  const queryClient = useQueryClient();
  const rules = useAlertRules({ pollMs: RULES_PAGE_POLL_MS });
  const directory = useMciDirectory();
  const ready = useHydrated();
  const [notice, setNotice] = useState<string | null>(null);
  // Open by choice, or by default while there is no rule yet (the form is then how to begin).
  // `?mci=<id>` (the MCI page's "New rule for this MCI") opens the form on that MCI.
  const forMci = useSearchParams().get("mci");
  const [formChoice, setFormChoice] = useState<boolean | null>(forMci ? true : null);
  const formOpen = canCreate && (formChoice ?? (rules.isSuccess && rules.data.length === 0));

  const mciNames = useMemo(() => new Map(directory.mcis.map((m) => [m.id, m.name])), [directory.mcis]);
  const firing = firingCount(rules.data);
  const pending = (rules.data ?? []).reduce((n, r) => n + r.pending.length, 0);

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: alertKeys.all });
  }

  function created(rule: AlertRuleView) {
    queryClient.setQueryData<AlertRuleView[]>(alertKeys.rules, (old) => [...(old ?? []), rule]);
    setNotice(`Added “${rule.name}”. It is checked every 10 seconds; its events appear below.`);
    setFormChoice(false);
    refresh();
  }

  function deleted(id: string) {
    const name = rules.data?.find((r) => r.id === id)?.name ?? id;
    queryClient.setQueryData<AlertRuleView[]>(alertKeys.rules, (old) => old?.filter((r) => r.id !== id));
    // Deleting the last rule must not pop the form open over the events.
    setFormChoice((c) => c ?? false);
    setNotice(`Deleted “${name}”. Its past events stay in the list.`);
    refresh();
  }

  return (
    <div className="mx-auto max-w-[92rem] px-6 pb-16 pt-6">
      <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-white">Alerts</h1>
          <p className="mt-1 max-w-3xl text-slate-300">
            A rule watches one metric of some VMs and fires for each VM whose value crosses the threshold long enough.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <p className="text-lg text-slate-300" data-testid="alert-summary">
            <span className="font-semibold tabular-nums text-white">{rules.data?.length ?? 0}</span> {rules.data?.length === 1 ? "rule" : "rules"}
            <span className="text-slate-500"> · </span>
            <span className={`font-semibold tabular-nums ${firing ? "text-rose-300" : "text-white"}`}>{firing}</span> firing
            <span className="text-slate-500"> · </span>
            <span className={`tabular-nums ${pending ? "text-amber-200" : "text-white"}`}>{pending}</span> pending
          </p>
          {canCreate && (
            <button
              type="button"
              data-testid="new-rule"
              aria-expanded={formOpen}
              aria-controls="new-rule-panel"
              onClick={() => {
                setFormChoice(!formOpen);
                // Straight to the first field, so typing (and Esc) work at once.
                if (!formOpen) requestAnimationFrame(() => document.getElementById("rule-name")?.focus());
              }}
              className={`rounded-lg px-5 py-2 text-base font-semibold shadow ${
                formOpen ? "text-slate-200 ring-1 ring-panel-edge hover:bg-slate-700/60" : "bg-sky-700 text-white hover:bg-sky-800"
              }`}
            >
              {formOpen ? "Close form" : "New rule"}
            </button>
          )}
        </div>
      </header>

      <PageNotice notice={notice} onDismiss={() => setNotice(null)} />

      {/* Hidden rather than unmounted, so closing the form keeps what was typed. */}
      {canCreate && (
        <div id="new-rule-panel" hidden={!formOpen} className="mt-4">
          <RuleForm directory={directory} onCreated={created} onClose={() => setFormChoice(false)} initial={forMci ? { scopeKind: "mci", scopeValue: forMci } : undefined} />
        </div>
      )}

      <div className="mt-4">
        <RuleTable rules={rules} directory={directory} ready={ready} onDeleted={deleted} formOpen={formOpen} canCreate={canCreate} />
      </div>

      <section aria-labelledby="events-title" className="mt-6 rounded-xl border border-panel-edge bg-panel p-5">
        <h2 id="events-title" className="mb-3 text-xl font-semibold text-white">
          Events
        </h2>
        <AlertEvents vmNames={directory.vmNames} mciNames={mciNames} />
      </section>
    </div>
  );
}
