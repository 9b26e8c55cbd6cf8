"use client";

import { POLICIES } from "@/lib/validation/mci";

export type Policy = (typeof POLICIES)[number];

const POLICY_TEXT: Record<Policy, string> = {
  continue: "Keep what came up; failed VMs stay listed so you can look at why.",
  refine: "Drop the failed VMs once the rest is up; the MCI keeps the ones that run.",
  rollback: "All or nothing: if any VM fails, terminate every VM of the MCI.",
};

type Props = {
  name: string;
  description: string;
  policy: Policy;
  nameError: string | null;
  onName: (v: string) => void;
  onDescription: (v: string) => void;
  onPolicy: (p: Policy) => void;
};

const INPUT = "w-full rounded-lg border bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:outline-none";

/** The MCI's name, a description and what a failed VM does to the deployment. */
export function MciDetailsForm({ name, description, policy, nameError, onName, onDescription, onPolicy }: Props) {
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor="mci-name" className="mb-1 block text-sm font-medium text-slate-300">
          Name
        </label>
        <input
          id="mci-name"
          value={name}
          onChange={(e) => onName(e.target.value)}
          placeholder="e.g. video-conf"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={Boolean(nameError)}
          aria-describedby={nameError ? "mci-name-error" : "mci-name-hint"}
          className={`${INPUT} font-mono ${nameError ? "border-rose-400" : "border-panel-edge focus:border-sky-400"}`}
        />
        {nameError ? (
          <p id="mci-name-error" data-testid="name-error" className="mt-1 text-sm text-rose-300">
            {nameError}
          </p>
        ) : (
          <p id="mci-name-hint" className="mt-1 text-sm text-slate-400">
            Lower-case letters, digits and dashes; VMs are named after their subgroup.
          </p>
        )}
      </div>
      <div>
        <label htmlFor="mci-description" className="mb-1 block text-sm font-medium text-slate-300">
          Description <span className="font-normal text-slate-400">(optional)</span>
        </label>
        <textarea
          id="mci-description"
          value={description}
          onChange={(e) => onDescription(e.target.value)}
          rows={2}
          maxLength={400}
          placeholder="What this infrastructure is for"
          className={`${INPUT} resize-none border-panel-edge focus:border-sky-400`}
        />
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-300">If a VM fails</legend>
        <div className="space-y-1.5">
          {POLICIES.map((p) => (
            <label
              key={p}
              className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 ${
                policy === p ? "border-sky-400/70 bg-sky-500/10" : "border-panel-edge hover:bg-slate-800/50"
              }`}
            >
              <input type="radio" name="policy" value={p} checked={policy === p} onChange={() => onPolicy(p)} className="mt-1.5 accent-sky-400" />
              <span className="min-w-0">
                <span className="font-medium text-white">
                  {p}
                  {p === "continue" && <span className="ml-2 text-sm font-normal text-slate-400">default</span>}
                </span>
                <span className="block text-[0.95rem] text-slate-300">{POLICY_TEXT[p]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
