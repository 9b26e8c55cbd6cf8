"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { plural } from "@/lib/core/plural";
import { startCommand, type CommandRequest } from "./command-api";

/** Whole MCI, one subgroup (`sg:<name>`), or the VMs ticked in the VM table. */
export type Target = "mci" | "selected" | `sg:${string}`;

const DEFAULT_TIMEOUT_S = 300;
const MAX_TIMEOUT_S = 86_400;

// What was typed survives a trip to the VM table to tick VMs (the tab unmounts meanwhile).
const drafts = new Map<string, { text: string; timeout: string; last?: string }>();

type Props = {
  namespace: string;
  mciId: string;
  subGroups: readonly { name: string; vmCount: number }[];
  vmCount: number;
  /** The VMs ticked in the VM table (ids of this MCI's VMs). */
  selectedIds: ReadonlySet<string>;
  onStarted: (cid: string) => void;
  /** Opens the VM table, where VMs are ticked. */
  onPickVms: () => void;
};

function requestFor(target: Target, command: string, timeoutSeconds: number, selected: ReadonlySet<string>): CommandRequest {
  if (target === "selected") return { command, vmIds: [...selected], timeoutSeconds };
  if (target.startsWith("sg:")) return { command, subGroup: target.slice(3), timeoutSeconds };
  return { command, timeoutSeconds };
}

/** The command box: what to run, on which VMs, for how long at most. Enter runs, Shift+Enter starts a new line. */
export function CommandForm({ namespace, mciId, subGroups, vmCount, selectedIds, onStarted, onPickVms }: Props) {
  const key = `${namespace}/${mciId}`;
  const [text, setTextState] = useState(() => drafts.get(key)?.text ?? "");
  const [chosen, setChosen] = useState<Target>(() => (selectedIds.size > 0 ? "selected" : "mci"));
  const [timeout, setTimeoutState] = useState(() => drafts.get(key)?.timeout ?? String(DEFAULT_TIMEOUT_S));
  const setText = (value: string) => {
    setTextState(value);
    drafts.set(key, { ...drafts.get(key), text: value, timeout });
  };
  const setTimeoutText = (value: string) => {
    setTimeoutState(value);
    drafts.set(key, { ...drafts.get(key), text, timeout: value });
  };
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A choice that no longer exists (ticks cleared, subgroup removed) falls back to the whole MCI.
  const target: Target =
    (chosen === "selected" && selectedIds.size === 0) || (chosen.startsWith("sg:") && !subGroups.some((s) => `sg:${s.name}` === chosen)) ? "mci" : chosen;
  const size = target === "mci" ? vmCount : target === "selected" ? selectedIds.size : (subGroups.find((s) => `sg:${s.name}` === target)?.vmCount ?? 0);
  const seconds = Number(timeout);
  const timeoutError = timeout.trim() === "" || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_S ? `The timeout is whole seconds from 1 to ${MAX_TIMEOUT_S.toLocaleString("en-US")} (a day).` : null;

  async function submit() {
    if (pending) return;
    if (!text.trim()) return setError("Type a command to run first, e.g. uname -a.");
    if (timeoutError) return setError(timeoutError);
    if (size === 0) return setError("There is no VM to run it on. Pick the whole MCI or tick VMs in the VM table.");
    setError(null);
    setPending(true);
    const answer = await startCommand(namespace, mciId, requestFor(target, text, seconds, selectedIds));
    setPending(false);
    if (!answer.ok) return setError(`Not run: ${answer.error}`);
    // The box empties for the next command, as a terminal's prompt does; ↑ brings this one back.
    drafts.set(key, { text: "", timeout, last: text });
    setTextState("");
    onStarted(answer.data.id);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const last = drafts.get(key)?.last;
    if (e.key === "ArrowUp" && text === "" && last) {
      e.preventDefault();
      setText(last);
      return;
    }
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void submit();
  }

  return (
    <form
      aria-label="Run a command"
      className="border-b border-panel-edge px-5 py-3"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="command-input" className="sr-only">
        Command
      </label>
      <div className="flex items-stretch overflow-hidden rounded-lg border border-panel-edge bg-sea focus-within:border-sky-400">
        <span aria-hidden className="select-none py-2 pl-3 pr-1 font-mono text-[0.95rem] leading-6 text-emerald-300">
          $
        </span>
        <textarea
          id="command-input"
          data-testid="command-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          rows={Math.min(6, Math.max(2, text.split("\n").length))}
          placeholder="hostname; uname -a"
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          className="min-w-0 flex-1 resize-none bg-transparent py-2 pr-3 font-mono text-[0.95rem] leading-6 text-white placeholder:text-slate-500 focus:outline-none"
        />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor="command-target" className="text-slate-300">
          On
        </label>
        <select
          id="command-target"
          data-testid="command-target"
          value={target}
          onChange={(e) => setChosen(e.target.value as Target)}
          className="min-w-0 flex-1 rounded-lg border border-panel-edge bg-sea px-2.5 py-1.5 text-base text-white focus:border-sky-400 focus:outline-none"
        >
          <option value="mci">the whole MCI ({plural(vmCount, "VM")})</option>
          {selectedIds.size > 0 && <option value="selected">the ticked VMs ({selectedIds.size.toLocaleString("en-US")})</option>}
          {subGroups.map((s) => (
            <option key={s.name} value={`sg:${s.name}`}>
              subgroup {s.name} ({plural(s.vmCount, "VM")})
            </option>
          ))}
        </select>
        <label className="flex items-center gap-1.5 text-slate-300" title="Each VM's run is stopped after this long">
          Timeout
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_TIMEOUT_S}
            value={timeout}
            onChange={(e) => setTimeoutText(e.target.value)}
            aria-label="Timeout in seconds"
            aria-invalid={timeoutError ? true : undefined}
            className="w-[4.75rem] rounded-lg border border-panel-edge bg-sea px-2 py-1.5 text-right text-base tabular-nums text-white focus:border-sky-400 focus:outline-none aria-[invalid]:border-rose-400"
          />
          s
        </label>
        <button
          type="submit"
          data-testid="command-run"
          disabled={pending}
          className="rounded-lg bg-sky-500 px-4 py-1.5 font-semibold text-slate-950 hover:bg-sky-400 disabled:cursor-wait disabled:opacity-60"
        >
          {pending ? "Starting…" : "Run"}
        </button>
      </div>
      <div aria-live="polite" className="mt-2 min-h-[1.5rem]">
        {error ? (
          <p role="alert" data-testid="command-error" className="flex items-start gap-2 rounded-lg border border-rose-400/50 bg-rose-500/10 px-3 py-1 text-[0.95rem] leading-snug text-rose-100">
            <span className="min-w-0 flex-1">{error}</span>
            <button type="button" onClick={() => setError(null)} aria-label="Dismiss" className="text-sm opacity-70 hover:opacity-100">
              ✕
            </button>
          </p>
        ) : (
          <p className="text-sm leading-snug text-slate-400">
            <kbd className="font-sans text-slate-300">Enter</kbd> runs · <kbd className="font-sans text-slate-300">Shift+Enter</kbd> new line ·{" "}
            <kbd className="font-sans text-slate-300">↑</kbd> last command ·{" "}
            <button type="button" onClick={onPickVms} className="text-sky-300 hover:underline">
              {selectedIds.size > 0 ? "Change the ticked VMs" : "Tick VMs to run on some only"}
            </button>
          </p>
        )}
      </div>
    </form>
  );
}
