"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import { FieldBox, fieldProps, inputClass } from "@/components/ui/form-fields";
import type { Role } from "@/lib/core/roles";
import type { UserView } from "./account-types";
import { updateUserAction } from "./actions";
import { RoleOptions } from "./role-select";
import { draftOf, patchOf, signsOut, type UserDraft } from "./user-draft";

type Props = {
  user: UserView;
  /** Namespaces that exist, offered as the editor's suggestions. */
  namespaces: readonly string[];
  onSaved: (user: UserView, signedOut: boolean) => void;
  onCancel: () => void;
};

/** A user's role, their roles in single namespaces, and a new password; only what changed is sent. */
export function UserEditor({ user, namespaces, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<UserDraft>(() => draftOf(user));
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const prefix = `edit-${useId().replace(/:/g, "")}`;
  const listId = `${prefix}-namespaces`;

  const set = (change: Partial<UserDraft>) => {
    setError(null);
    setNote(null);
    setDraft((d) => ({ ...d, ...change }));
  };
  const setPair = (i: number, change: Partial<{ ns: string; role: Role }>) => set({ pairs: draft.pairs.map((p, j) => (j === i ? { ...p, ...change } : p)) });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = patchOf(user, draft);
    if ("error" in result) return setError(result.error);
    if (!result.patch) return setNote("Nothing changed.");
    const patch = result.patch;
    startTransition(async () => {
      const answer = await updateUserAction({ id: user.id, patch });
      if (answer.ok) onSaved(answer.data, signsOut(patch));
      else setError(answer.issues.length ? answer.issues.map((i) => (i.path ? `${i.path.replace(/^patch\./, "")}: ${i.message}` : i.message)).join("; ") : answer.error);
    });
  }

  return (
    <form
      data-testid="user-editor"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
      className="rounded-lg border border-sky-400/40 bg-sea/60 p-4"
    >
      <div className="grid grid-cols-1 items-start gap-x-6 gap-y-4 lg:grid-cols-[1fr_1.6fr_1fr]">
        <FieldBox prefix={prefix} id="role" label="Role">
          <select {...fieldProps(prefix, "role", undefined)} value={draft.role} onChange={(e) => set({ role: e.target.value as Role })} autoFocus>
            <RoleOptions />
          </select>
        </FieldBox>

        <fieldset className="min-w-0">
          <legend className="mb-1 block text-sm font-medium text-slate-300">Namespace roles (narrow the role in one namespace)</legend>
          <datalist id={listId}>
            {namespaces.map((ns) => (
              <option key={ns} value={ns} />
            ))}
          </datalist>
          <ul className="space-y-2">
            {draft.pairs.map((p, i) => (
              <li key={i} className="flex items-center gap-2" data-testid="ns-role">
                <input
                  aria-label={`Namespace ${i + 1}`}
                  list={listId}
                  value={p.ns}
                  onChange={(e) => setPair(i, { ns: e.target.value })}
                  placeholder="namespace"
                  spellCheck={false}
                  autoComplete="off"
                  className={`${inputClass(undefined)} font-mono`}
                />
                <span aria-hidden className="text-slate-400">
                  →
                </span>
                <select aria-label={`Role in namespace ${p.ns || i + 1}`} value={p.role} onChange={(e) => setPair(i, { role: e.target.value as Role })} className={`${inputClass(undefined)} max-w-[10rem]`}>
                  <option value="viewer">viewer</option>
                  <option value="operator">operator</option>
                  <option value="admin">admin</option>
                </select>
                <button
                  type="button"
                  onClick={() => set({ pairs: draft.pairs.filter((_, j) => j !== i) })}
                  aria-label={`Remove the role in ${p.ns || `namespace ${i + 1}`}`}
                  className="rounded-md px-2 py-1 text-slate-300 hover:bg-slate-700/60 hover:text-white"
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set({ pairs: [...draft.pairs, { ns: "", role: "viewer" }] })} className="mt-2 rounded-md px-2 py-1 text-sky-300 ring-1 ring-sky-400/40 hover:bg-sky-500/15">
            + Namespace role
          </button>
          <p className="mt-1 text-sm text-slate-400">A narrowed role is never higher than the user&apos;s role.</p>
        </fieldset>

        <FieldBox prefix={prefix} id="password" label="New password" hint="Empty keeps the current one; at least 10 characters.">
          <input {...fieldProps(prefix, "password", undefined)} type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set({ password: e.target.value })} />
        </FieldBox>
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-lg bg-sky-700 px-5 py-2 font-semibold text-white hover:bg-sky-800 disabled:opacity-60">
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg px-4 py-2 text-slate-200 ring-1 ring-panel-edge hover:bg-slate-700/60">
          Cancel
        </button>
        <p className="text-sm text-slate-400">A new role or password signs {user.email} out everywhere.</p>
      </div>
      {(error || note) && (
        <p role={error ? "alert" : "status"} data-testid="editor-error" className={`mt-3 rounded-lg px-3 py-2 ${error ? "border border-rose-500/40 bg-rose-950/40 text-rose-200" : "text-slate-300"}`}>
          {error ?? note}
        </p>
      )}
    </form>
  );
}
