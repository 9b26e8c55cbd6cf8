"use client";

import { useState, useTransition } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { ConfirmInRow, DangerRowButton, RowError } from "@/components/ui/row-parts";
import type { AlertRuleView } from "@/lib/validation/monitoring";
import { deleteAlertRuleAction } from "./actions";
import { SeverityBadge } from "./alert-badges";
import { describeCondition, describeTest, describeTiming, SCOPE_LABELS, scopeOf } from "./format-rule";
import type { MciDirectory } from "./use-mci-directory";

type Props = {
  rule: AlertRuleView;
  directory: MciDirectory;
  ready: boolean;
  columns: number;
  onDeleted: (id: string) => void;
};

function ScopeCell({ rule, directory }: { rule: AlertRuleView; directory: MciDirectory }) {
  const { kind, id } = scopeOf(rule.scope);
  const mci = kind === "mci" ? directory.mciById.get(id) : undefined;
  const label = mci ? mci.name : kind === "vm" ? (directory.vmNames.get(id) ?? id) : id;
  return (
    <>
      <span className="flex items-center gap-2">
        <span className="rounded bg-slate-700/60 px-1.5 py-0.5 text-sm text-slate-200">{SCOPE_LABELS[kind]}</span>
        <span className="truncate font-mono text-[0.95rem] text-slate-100" title={id}>
          {label}
        </span>
      </span>
      {mci && <span className="block truncate text-sm text-slate-400">namespace {mci.namespace}</span>}
    </>
  );
}

/** Live state: VMs firing and pending now, by name where known. */
function StateCell({ rule, vmNames }: { rule: AlertRuleView; vmNames: ReadonlyMap<string, string> }) {
  const firing = rule.firing.length;
  const pending = rule.pending.length;
  const names = (ids: string[]) => ids.map((v) => vmNames.get(v) ?? v).join(", ");
  if (!firing && !pending) return <span className="text-emerald-200/90">ok</span>;
  return (
    <span className="flex flex-col gap-0.5">
      {firing > 0 && (
        <span data-testid="rule-firing" className="font-semibold text-rose-200" title={names(rule.firing)}>
          {firing} firing
        </span>
      )}
      {pending > 0 && (
        <span data-testid="rule-pending" className="text-amber-200" title={names(rule.pending)}>
          {pending} pending
        </span>
      )}
    </span>
  );
}

/** One rule: what it watches and how it stands now, with Delete (asks first) for who may. */
export function RuleRow({ rule, directory, ready, columns, onDeleted }: Props) {
  const canDelete = useCan(useEndpoints().monitoring.deleteAlertRuleById.access);
  const [confirming, setConfirming] = useState(false);
  const [deleting, startDelete] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function remove() {
    setError(null);
    startDelete(async () => {
      const result = await deleteAlertRuleAction({ id: rule.id });
      if (result.ok) onDeleted(rule.id);
      else {
        setConfirming(false);
        setError(`Could not delete “${rule.name}”: ${result.error}`);
      }
    });
  }

  return (
    <>
      <tr data-testid="rule-row" data-name={rule.name} data-id={rule.id} className="border-t border-panel-edge/70 align-top hover:bg-slate-800/40">
        <td className="py-2.5 pl-4 pr-3">
          <span className="block truncate font-medium text-white" title={rule.name}>
            {rule.name}
          </span>
        </td>
        <td className="py-2.5 pr-3">
          {/* Two unbreakable halves, so a narrow column never splits `1 min`. */}
          <span data-testid="rule-condition" className="block font-mono text-[0.95rem] text-slate-100" title={describeCondition(rule)}>
            <span className="whitespace-nowrap">{describeTest(rule)}</span> <span className="whitespace-nowrap text-slate-300">{describeTiming(rule)}</span>
          </span>
        </td>
        <td className="py-2.5 pr-3">
          <ScopeCell rule={rule} directory={directory} />
        </td>
        <td className="py-2.5 pr-3">
          <SeverityBadge severity={rule.severity} />
        </td>
        <td className="py-2.5 pr-3">
          {rule.webhookUrl ? (
            <span className="block truncate font-mono text-sm text-slate-200" title={rule.webhookUrl}>
              {rule.webhookUrl}
            </span>
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </td>
        <td className="py-2.5 pr-3" data-testid="rule-state">
          <StateCell rule={rule} vmNames={directory.vmNames} />
        </td>
        <td className="py-2 pr-4 text-right">
          {confirming ? (
            <ConfirmInRow
              testId="confirm-delete"
              label={`Confirm deleting ${rule.name}`}
              question="Delete this rule? Its events stay."
              confirm="Yes, delete"
              busyText="Deleting…"
              busy={deleting}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            canDelete && (
              <DangerRowButton
                label={`Delete ${rule.name}`}
                disabled={!ready}
                onAsk={() => {
                  setError(null);
                  setConfirming(true);
                }}
              >
                Delete
              </DangerRowButton>
            )
          )}
        </td>
      </tr>
      {error && <RowError name={rule.name} columns={columns} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}
