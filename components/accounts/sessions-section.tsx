"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { formatUtc } from "@/components/ui/format-time";
import { ConfirmInRow, DangerRowButton, RowError } from "@/components/ui/row-parts";
import type { SessionView } from "@/lib/validation/account";
import { revokeSessionAction } from "./actions";
import { SectionCard, TableQuery, TD, TH } from "./section-card";
import { signOut } from "./sign-out";
import { accountKeys, useSessions } from "./use-accounts";
import { describeUserAgent } from "./user-agent";

const COLUMNS = 5;

function SessionRow({ session, onRevoked }: { session: SessionView; onRevoked: (id: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, startRevoke] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const device = describeUserAgent(session.userAgent);

  function revoke() {
    startRevoke(async () => {
      const answer = await revokeSessionAction({ id: session.id });
      if (!answer.ok) {
        setConfirming(false);
        setError(`Could not revoke this session: ${answer.error}`);
        return;
      }
      // This browser's own session is gone: say goodbye properly (the cookie is cleared too).
      if (answer.data.current) await signOut();
      else onRevoked(session.id);
    });
  }

  return (
    <>
      <tr data-testid="session-row" data-id={session.id} data-current={session.current} className="border-t border-panel-edge/70 align-middle hover:bg-slate-800/40">
        <td className={TD}>
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-white" title={session.userAgent ?? undefined}>
              {device}
            </span>
            {session.current && (
              <span data-testid="this-device" className="rounded-full bg-emerald-400/15 px-2 py-px text-sm font-medium text-emerald-200 ring-1 ring-emerald-300/40">
                this device
              </span>
            )}
          </span>
        </td>
        <td className={`${TD} font-mono text-[0.95rem] text-slate-200`}>{session.ipAddress ?? <span className="text-slate-400">unknown</span>}</td>
        <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`}>{formatUtc(session.createdAt)}</td>
        <td className={`${TD} whitespace-nowrap tabular-nums text-slate-200`}>{formatUtc(session.lastSeenAt)}</td>
        <td className={`${TD} text-right`}>
          {confirming ? (
            <ConfirmInRow
              testId="confirm-revoke-session"
              label={`Confirm revoking the session of ${device}`}
              question={session.current ? "Sign this browser out?" : "Sign that browser out?"}
              confirm="Yes, revoke"
              busyText="Revoking…"
              busy={busy}
              onConfirm={revoke}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <DangerRowButton
              label={`Revoke the session of ${device}${session.current ? " (this device)" : ""}`}
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
      {error && <RowError name={session.id} columns={COLUMNS} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}

/** Where the user is signed in; any browser can be signed out from here, this one included. */
export function SessionsSection() {
  const sessions = useSessions(true);
  const queryClient = useQueryClient();
  const rows = sessions.data ?? [];

  function revoked(id: string) {
    queryClient.setQueryData<SessionView[]>(accountKeys.sessions, (old) => old?.filter((s) => s.id !== id));
    void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
  }

  return (
    <SectionCard
      id="sessions"
      title="Sessions"
      intro="Every browser signed in as you. Revoke one you do not recognise: its next request needs the password again. Sessions last 7 days."
      actions={
        rows.length > 1 ? (
          <p className="text-slate-300">
            <span className="font-semibold tabular-nums text-white">{rows.length}</span> signed in
          </p>
        ) : undefined
      }
    >
      <TableQuery query={sessions} what="your sessions" empty={{ title: "No live session", body: "Sign in again to start one." }}>
        <table data-testid="sessions-table" className="w-full text-left">
          <thead className="border-t border-panel-edge text-sm text-slate-400">
            <tr>
              <th className={TH}>Device</th>
              <th className={TH}>Address</th>
              <th className={TH}>Signed in</th>
              <th className={TH}>Last seen</th>
              <th className={`${TH} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <SessionRow key={s.id} session={s} onRevoked={revoked} />
            ))}
          </tbody>
        </table>
      </TableQuery>
    </SectionCard>
  );
}
