"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useHydrated } from "@/components/connections/use-hydrated";
import { AGGS, ALERT_OPS, METRIC_NAMES } from "@/lib/core/metrics";
import { SEVERITIES, type AlertRuleView } from "@/lib/validation/monitoring";
import { createAlertRuleAction } from "./actions";
import { describeCondition, metricUnit, SCOPE_LABELS, type ScopeKind } from "./format-rule";
import { fieldProps as sharedFieldProps, FieldBox, FormError } from "@/components/ui/form-fields";
import { useFormIssues } from "@/components/ui/use-form-issues";
import { EMPTY_DRAFT, fieldOfDraft, toCreateInput, type DraftField, type RuleDraft } from "./rule-draft";
import type { MciDirectory } from "./use-mci-directory";

type Props = {
  directory: MciDirectory;
  onCreated: (rule: AlertRuleView) => void;
  onClose: () => void;
  /** Fields filled in already, e.g. the MCI a link came from. */
  initial?: Partial<RuleDraft>;
};

const SCOPE_KINDS: readonly ScopeKind[] = ["mci", "vm", "namespace"];

/** The sentence the rule will read as, once the numbers are numbers. */
const fieldProps = (id: string, error: string | undefined) => sharedFieldProps("rule", id, error);

function preview(d: RuleDraft): string | null {
  const [threshold, forSeconds, windowSeconds] = [d.threshold, d.forSeconds, d.windowSeconds].map((t) => (t.trim() === "" ? NaN : Number(t)));
  if (![threshold, forSeconds, windowSeconds].every(Number.isFinite)) return null;
  return describeCondition({ ...d, threshold, forSeconds, windowSeconds });
}

/** Name, condition, scope, severity and an optional webhook; the server checks it all. */
export function RuleForm({ directory, onCreated, onClose, initial }: Props) {
  const [draft, setDraft] = useState<RuleDraft>(() => ({ ...EMPTY_DRAFT, ...initial }));
  const { errors, formError, clear, show, reset } = useFormIssues<DraftField>();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  // Until the user picks one, the scope is the first MCI there is (a rule needs something to watch).
  const scopeValue = draft.scopeValue || (draft.scopeKind === "mci" ? (directory.mcis[0]?.id ?? "") : draft.scopeKind === "namespace" ? (directory.namespaces[0] ?? "") : "");

  function set<K extends keyof RuleDraft>(key: K, value: RuleDraft[K], field: DraftField = key as DraftField) {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(field);
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    startTransition(async () => {
      const result = await createAlertRuleAction(toCreateInput({ ...draft, scopeValue }));
      if (result.ok) {
        reset();
        setDraft((d) => ({ ...d, name: "" }));
        onCreated(result.data);
        return;
      }
      show(result, fieldOfDraft);
    });
  }

  const unit = metricUnit(draft.metric);
  const sentence = preview(draft);

  return (
    <section
      aria-labelledby="new-rule-title"
      className="rounded-xl border border-panel-edge bg-panel p-5 shadow-lg"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="new-rule-title" className="text-xl font-semibold text-white">
          New rule
        </h2>
        <button type="button" onClick={onClose} className="text-sm text-slate-300 hover:text-white" aria-label="Close the form">
          ✕
        </button>
      </div>
      <form data-testid="rule-form" onSubmit={submit} noValidate className="mt-3 flex flex-col gap-y-3">
        <div className="grid grid-cols-1 gap-x-4 gap-y-3 md:grid-cols-2 xl:grid-cols-[1.6fr_0.9fr_0.9fr_2fr]">
          <FieldBox prefix="rule" id="name" label="Name" error={errors.name}>
            <input
              {...fieldProps("name", errors.name)}
              value={draft.name}
              autoComplete="off"
              placeholder="e.g. CPU hot"
              onChange={(e) => set("name", e.target.value)}
            />
          </FieldBox>
          <FieldBox prefix="rule" id="severity" label="Severity" error={errors.severity}>
            <select {...fieldProps("severity", errors.severity)} value={draft.severity} onChange={(e) => set("severity", e.target.value as RuleDraft["severity"])}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox prefix="rule" id="scopeKind" label="Watch" error={undefined}>
            <select
              {...fieldProps("scopeKind", undefined)}
              value={draft.scopeKind}
              onChange={(e) => {
                set("scopeKind", e.target.value as ScopeKind, "scope");
                setDraft((d) => ({ ...d, scopeValue: "" }));
              }}
            >
              {SCOPE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === "mci" ? "every VM of an MCI" : k === "vm" ? "one VM" : "every VM of a namespace"}
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox
            prefix="rule"
            id="scope"
            label={SCOPE_LABELS[draft.scopeKind]}
            error={errors.scope}
            hint={draft.scopeKind === "vm" ? "The VM's id (its page URL ends with it)" : draft.scopeKind === "mci" && !directory.pending && directory.mcis.length === 0 ? "No MCIs yet: create one first" : undefined}
          >
            {draft.scopeKind === "mci" ? (
              <select {...fieldProps("scope", errors.scope)} value={scopeValue} onChange={(e) => set("scopeValue", e.target.value, "scope")}>
                {directory.mcis.length === 0 && <option value="">{directory.pending ? "Loading MCIs…" : "No MCIs"}</option>}
                {directory.mcis.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} · {m.namespace} · {m.vms} {m.vms === 1 ? "VM" : "VMs"}
                  </option>
                ))}
              </select>
            ) : draft.scopeKind === "namespace" ? (
              <select {...fieldProps("scope", errors.scope)} value={scopeValue} onChange={(e) => set("scopeValue", e.target.value, "scope")}>
                {directory.namespaces.map((ns) => (
                  <option key={ns} value={ns}>
                    {ns}
                  </option>
                ))}
              </select>
            ) : (
              <>
                <input
                  {...fieldProps("scope", errors.scope)}
                  value={draft.scopeValue}
                  list="rule-vm-ids"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="VM id"
                  onChange={(e) => set("scopeValue", e.target.value, "scope")}
                  className={`${fieldProps("scope", errors.scope).className} font-mono`}
                />
                <datalist id="rule-vm-ids">
                  {[...directory.vmNames].slice(0, 500).map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </FieldBox>
        </div>

        <div className="grid grid-cols-2 gap-x-4 gap-y-3 md:grid-cols-3 xl:grid-cols-[0.7fr_1.5fr_0.6fr_1fr_1fr_1fr]">
          <FieldBox prefix="rule" id="agg" label="Aggregate" error={errors.agg}>
            <select {...fieldProps("agg", errors.agg)} value={draft.agg} onChange={(e) => set("agg", e.target.value as RuleDraft["agg"])}>
              {AGGS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox prefix="rule" id="metric" label="Metric" error={errors.metric}>
            <select {...fieldProps("metric", errors.metric)} value={draft.metric} onChange={(e) => set("metric", e.target.value as RuleDraft["metric"])}>
              {METRIC_NAMES.map((m) => (
                <option key={m} value={m}>
                  {m} ({metricUnit(m)})
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox prefix="rule" id="op" label="Is" error={errors.op}>
            <select {...fieldProps("op", errors.op)} value={draft.op} onChange={(e) => set("op", e.target.value as RuleDraft["op"])} className={`${fieldProps("op", errors.op).className} font-mono`}>
              {ALERT_OPS.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox prefix="rule" id="threshold" label={`Threshold (${unit})`} error={errors.threshold}>
            <input {...fieldProps("threshold", errors.threshold)} inputMode="decimal" value={draft.threshold} autoComplete="off" onChange={(e) => set("threshold", e.target.value)} />
          </FieldBox>
          <FieldBox prefix="rule" id="forSeconds" label="For (seconds)" error={errors.forSeconds} hint="0: fire at once">
            <input {...fieldProps("forSeconds", errors.forSeconds)} inputMode="numeric" value={draft.forSeconds} autoComplete="off" onChange={(e) => set("forSeconds", e.target.value)} />
          </FieldBox>
          <FieldBox prefix="rule" id="windowSeconds" label="Window (seconds)" error={errors.windowSeconds} hint="10 to 3600">
            <input {...fieldProps("windowSeconds", errors.windowSeconds)} inputMode="numeric" value={draft.windowSeconds} autoComplete="off" onChange={(e) => set("windowSeconds", e.target.value)} />
          </FieldBox>
        </div>

        <div className="grid grid-cols-1 gap-x-4 gap-y-3 xl:grid-cols-[1fr_auto]">
          <FieldBox prefix="rule" id="webhookUrl" label="Webhook URL (optional)" error={errors.webhookUrl} hint="Receives a JSON POST for every firing and resolved event">
            <input
              {...fieldProps("webhookUrl", errors.webhookUrl)}
              value={draft.webhookUrl}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://hooks.example.com/barista"
              onChange={(e) => set("webhookUrl", e.target.value)}
              className={`${fieldProps("webhookUrl", errors.webhookUrl).className} font-mono`}
            />
          </FieldBox>
          <div className="flex items-start xl:pt-[1.625rem]">
            <button
              type="submit"
              disabled={pending || !hydrated}
              className="w-full whitespace-nowrap rounded-lg bg-sky-700 px-5 py-2 text-base font-semibold text-white shadow hover:bg-sky-800 disabled:cursor-wait disabled:bg-sky-800 xl:w-auto"
            >
              {pending ? "Adding…" : "Add rule"}
            </button>
          </div>
        </div>

        <p data-testid="rule-preview" className="text-slate-300">
          {sentence ? (
            <>
              Fires for a VM when <span className="font-mono text-slate-100">{sentence}</span>.
            </>
          ) : (
            "Threshold, for and window must be numbers."
          )}
        </p>

        <FormError message={formError} />
      </form>
    </section>
  );
}
