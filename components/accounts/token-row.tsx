"use client";

import { useState, useTransition } from "react";
import { formatUtc } from "@/components/ui/format-time";
import { ConfirmInRow, DangerRowButton, RowError } from "@/components/ui/row-parts";
import type { TokenView } from "./account-types";
import { revokeTokenAction } from "./actions";
import { RoleBadge } from "./role-badge";
import { TD } from "./section-card";

type Props = {
  token: TokenView;
  showOwner: boolean;
  columns: number;
  /** The browser's clock (0 until known), to tell an expired token. */
  now: number;
  onRevoked: (id: string) => void;
};

/** A day is enough for when a token was made and ends; the full time is in the tooltip. */
const day = (iso: string) => formatUtc(iso).slice(0, 10);
/** `2026-12-03 07:11 UTC`: to the minute, as "last used" is recorded at most once a minute. */
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** One token: what it may do and when it was used, never its value; Revoke asks first. */
export function TokenRow({ token, showOwner, columns, now, onRevoked }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, startRevoke] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const expired = !!token.expiresAt && now > 0 && Date.parse(token.expiresAt) <= now;

  function revoke() {
    startRevoke(async () => {
      const answer = await revokeTokenAction({ id: token.id });
      if (answer.ok) onRevoked(token.id);
      else {
        setConfirming(false);
        setError(`Could not revoke “${token.name}”: ${answer.error}`);
      }
    });
  }

  return (
    <>
      <tr data-testid="token-row" data-name={token.name} data-id={token.id} className="border-t border-panel-edge/70 align-middle hover:bg-slate-800/40">
        <td className={TD}>
          <span className="block truncate font-medium text-white" title={token.name}>
            {token.name}
          </span>
        </td>
        <td className={TD}>
          <RoleBadge role={token.role} />
        </td>
        <td className={`${TD} font-mono text-[0.95rem] text-slate-200`}>{token.start}…</td>
        {showOwner && <td className={`${TD} truncate text-slate-200`}>{token.owner ?? <span className="text-slate-400">automation</span>}</td>}
        <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`} title={formatUtc(token.createdAt)}>
          {day(token.createdAt)}
        </td>
        <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`}>{token.lastUsedAt ? minute(token.lastUsedAt) : <span className="text-slate-400">never</span>}</td>
        <td className={`${TD} whitespace-nowrap tabular-nums`} title={token.expiresAt ? formatUtc(token.expiresAt) : undefined}>
          {token.expiresAt ? (
            <span className={expired ? "font-medium text-rose-300" : "text-slate-200"}>
              {day(token.expiresAt)}
              {expired && <span className="block text-sm">expired</span>}
            </span>
          ) : (
            <span className="text-slate-400">never</span>
          )}
        </td>
        <td className={`${TD} text-right`}>
          {confirming ? (
            <ConfirmInRow
              testId="confirm-revoke-token"
              label={`Confirm revoking ${token.name}`}
              question="Revoke it? What uses it stops at once."
              confirm="Yes, revoke"
              busyText="Revoking…"
              busy={busy}
              onConfirm={revoke}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <DangerRowButton
              label={`Revoke ${token.name}`}
              onAsk={() => {
                setError(null);
                setConfirming(true);
              }}
            >
              Revoke
            </DangerRowButton>
          )}
        </td>
      </tr>
      {error && <RowError name={token.name} columns={columns} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}
