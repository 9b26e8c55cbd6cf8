"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { useHydrated } from "@/components/connections/use-hydrated";
import { fieldIn, placeIssues } from "@/components/ui/place-issues";
import { createNamespaceAction } from "./actions";
import { mciKeys, useNamespaces } from "./use-mci";

type Props = { namespace: string; onChange: (name: string) => void };

const INPUT = "rounded-lg border border-panel-edge bg-sea px-3 py-2 text-base text-white placeholder:text-slate-500 focus:border-sky-400 focus:outline-none";

/** Which namespace the list shows, and a small form that adds one (it gets its own SSH key) for who may. */
export function NamespacePicker({ namespace, onChange }: Props) {
  const namespaces = useNamespaces();
  const canAdd = useCan(useEndpoints().provisioning.createNamespace.access);
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (adding) inputRef.current?.focus();
  }, [adding]);

  const list = namespaces.data ?? [];
  // The current one is always offered, even before the list arrives or if it names a namespace that is gone.
  const options = list.some((n) => n.name === namespace) ? list : [{ name: namespace, mciCount: null as number | null }, ...list];

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createNamespaceAction({ name: name.trim(), description: "" });
      if (!result.ok) {
        const placed = placeIssues(result, fieldIn(["name"]));
        setError(placed.fields.name ?? placed.form);
        return;
      }
      await queryClient.invalidateQueries({ queryKey: mciKeys.namespaces });
      setAdding(false);
      setName("");
      onChange(result.data.name);
    });
  }

  return (
    <div className="flex flex-wrap items-start gap-3">
      <label className="flex items-center gap-2 text-slate-300">
        Namespace
        <select
          data-testid="namespace-picker"
          value={namespace}
          onChange={(e) => onChange(e.target.value)}
          className={`${INPUT} min-w-[12rem]`}
        >
          {options.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
              {n.mciCount === null ? "" : ` (${n.mciCount} ${n.mciCount === 1 ? "MCI" : "MCIs"})`}
            </option>
          ))}
        </select>
      </label>
      {!canAdd ? null : adding ? (
        <form onSubmit={submit} className="flex flex-wrap items-start gap-2" noValidate>
          <div>
            <input
              ref={inputRef}
              aria-label="New namespace name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  setAdding(false);
                  setError(null);
                }
              }}
              placeholder="e.g. team-video"
              spellCheck={false}
              autoComplete="off"
              className={`${INPUT} w-56 font-mono`}
            />
            {error && (
              <p role="alert" className="mt-1 max-w-sm text-sm text-rose-300">
                {error}
              </p>
            )}
          </div>
          <button type="submit" disabled={pending || !hydrated} className="rounded-lg bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
            {pending ? "Adding…" : "Add"}
          </button>
          <button type="button" onClick={() => setAdding(false)} className="rounded-lg px-3 py-2 text-slate-300 hover:bg-slate-700/60">
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setAdding(true)} className="rounded-lg px-3 py-2 text-slate-300 hover:bg-slate-700/60 hover:text-white">
          + Namespace
        </button>
      )}
    </div>
  );
}
