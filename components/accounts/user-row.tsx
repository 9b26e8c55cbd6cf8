"use client";

import { useState, useTransition } from "react";
import { formatUtc } from "@/components/ui/format-time";
import { ConfirmInRow, DangerRowButton, ROW_BUTTON, RowError } from "@/components/ui/row-parts";
import type { UserView } from "./account-types";
import { deleteUserAction } from "./actions";
import { NamespaceRoles } from "./namespace-roles";
import { RoleBadge } from "./role-badge";
import { TD } from "./section-card";
import { UserEditor } from "./user-editor";

type Props = {
  user: UserView;
  /** The viewer's own row. */
  self: boolean;
  columns: number;
  namespaces: readonly string[];
  onSaved: (user: UserView, signedOut: boolean) => void;
  onRemoved: (user: UserView) => void;
};

/** One user: role and namespace roles, with Edit (a panel under the row) and Remove (asks first). */
export function UserRow({ user, self, columns, namespaces, onSaved, onRemoved }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, startRemove] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function remove() {
    startRemove(async () => {
      const answer = await deleteUserAction({ id: user.id });
      if (answer.ok) onRemoved(user);
      else {
        setConfirming(false);
        setError(`Could not remove ${user.email}: ${answer.error}`);
      }
    });
  }

  return (
    <>
      <tr data-testid="user-row" data-email={user.email} className="border-t border-panel-edge/70 align-middle hover:bg-slate-800/40">
        <td className={TD}>
          <span className="block truncate font-medium text-white" title={user.name}>
            {user.name}
            {self && <span className="ml-2 text-sm font-normal text-slate-400">(you)</span>}
          </span>
        </td>
        <td className={`${TD} truncate text-slate-200`} title={user.email}>
          {user.email}
        </td>
        <td className={TD}>
          <RoleBadge role={user.role} />
        </td>
        <td className={TD}>
          <NamespaceRoles roles={user.namespaceRoles} />
        </td>
        <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`}>{formatUtc(user.createdAt).slice(0, 10)}</td>
        <td className={`${TD} text-right`}>
          {confirming ? (
            <ConfirmInRow
              testId="confirm-remove-user"
              label={`Confirm removing ${user.email}`}
              question="Remove? Their sessions and tokens end."
              confirm="Yes, remove"
              busyText="Removing…"
              busy={busy}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <span className="inline-flex gap-2">
              <button
                type="button"
                aria-expanded={editing}
                aria-label={`Edit ${user.email}`}
                onClick={() => {
                  setError(null);
                  setEditing(!editing);
                }}
                className={`${ROW_BUTTON} text-sky-200 ring-1 ring-sky-400/40 hover:bg-sky-500/15`}
              >
                {editing ? "Close" : "Edit"}
              </button>
              <DangerRowButton
                label={`Remove ${user.email}`}
                onAsk={() => {
                  setError(null);
                  setEditing(false);
                  setConfirming(true);
                }}
              >
                Remove
              </DangerRowButton>
            </span>
          )}
        </td>
      </tr>
      {editing && (
        <tr data-testid="user-editor-row">
          <td colSpan={columns} className="px-5 pb-4">
            <UserEditor
              user={user}
              namespaces={namespaces}
              onCancel={() => setEditing(false)}
              onSaved={(saved, signedOut) => {
                setEditing(false);
                onSaved(saved, signedOut);
              }}
            />
          </td>
        </tr>
      )}
      {error && <RowError name={user.email} columns={columns} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}
