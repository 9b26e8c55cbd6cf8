"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useEndpoints } from "@/components/auth/endpoint-access";
import { useCan } from "@/components/auth/viewer-context";
import { ConfirmInRow, DangerRowButton, ROW_BUTTON, RowError } from "@/components/ui/row-parts";
import { providerColour } from "@/lib/core/palette";
import type { ConnectionView, VerifyAnswer } from "@/lib/validation/connections";
import { removeConnectionAction, verifyConnectionAction } from "./actions";
import { refreshNow } from "./use-now";
import { VerifyStatus } from "./verify-status";

type Props = {
  connection: ConnectionView;
  providerName: string;
  regionName: string | undefined;
  answer: VerifyAnswer | undefined;
  highlighted: boolean;
  now: number;
  /** False until the page is interactive. */
  ready: boolean;
  columns: number;
  onVerified: (answer: VerifyAnswer) => void;
  onRemoved: (name: string) => void;
};

/** One connection: what it is, what its driver last said, and Verify / Remove (the latter asks first), for the roles that may. */
export function ConnectionRow(props: Props) {
  const { connection: c, providerName, regionName, answer, highlighted, now, ready, columns, onVerified, onRemoved } = props;
  const ep = useEndpoints().connections;
  const canVerify = useCan(ep.verifyConnection.access);
  const canRemove = useCan(ep.deleteConnectionByName.access);
  const [verifying, startVerify] = useTransition();
  const [removing, startRemove] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rowRef = useRef<HTMLTableRowElement>(null);

  // A row just added may land anywhere in the sorted list: bring it into view.
  useEffect(() => {
    if (highlighted) rowRef.current?.scrollIntoView({ block: "center" });
  }, [highlighted]);

  function verify() {
    setError(null);
    startVerify(async () => {
      const result = await verifyConnectionAction({ name: c.name });
      refreshNow();
      if (result.ok) onVerified(result.data);
      else setError(`Verify failed: ${result.error}`);
    });
  }

  function remove() {
    setError(null);
    startRemove(async () => {
      const result = await removeConnectionAction({ name: c.name });
      if (result.ok) {
        onRemoved(c.name);
      } else {
        setConfirming(false);
        setError(`Could not remove it: ${result.error}`);
      }
    });
  }

  return (
    <>
      <tr
        ref={rowRef}
        data-testid="connection-row"
        data-name={c.name}
        className={`border-t border-panel-edge/70 align-top transition-colors ${
          highlighted ? "bg-sky-500/10 shadow-[inset_3px_0_0_#38bdf8]" : "hover:bg-slate-800/40"
        }`}
      >
        <td className="py-2.5 pl-4 pr-3">
          <span className="block truncate font-mono text-[0.95rem] text-white" title={c.name}>
            {c.name}
          </span>
        </td>
        <td className="py-2.5 pr-3">
          <span className="flex items-center gap-2" title={providerName}>
            <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(c.provider) }} />
            <span className="truncate">{c.provider}</span>
          </span>
        </td>
        <td className="py-2.5 pr-3">
          <span className="block truncate font-mono text-[0.95rem] text-slate-100">{c.region}</span>
          {regionName && (
            <span className="block truncate text-sm text-slate-400" title={regionName}>
              {regionName}
            </span>
          )}
          {c.hosts.length > 0 && (
            <span className="block truncate text-sm text-slate-400" data-testid="host-count" title={c.hosts.map((h) => `${h.name}: ${h.free ? "free" : `held by ${h.vm}`}`).join("\n")}>
              {c.hosts.filter((h) => h.free).length} of {c.hosts.length} hosts free
            </span>
          )}
        </td>
        <td className="py-2.5 pr-3">
          <span className="rounded bg-slate-700/60 px-1.5 py-0.5 font-mono text-sm text-slate-200">{c.driver}</span>
        </td>
        <td className="py-2.5 pr-3">
          <span className="block truncate font-mono text-[0.95rem] text-slate-200" title={c.credential}>
            {c.credential}
          </span>
        </td>
        <td className="py-2.5 pr-3" data-testid="verify-cell">
          <VerifyStatus connection={c} answer={answer} now={now} />
        </td>
        <td className="py-2 pr-4 text-right">
          {confirming ? (
            <ConfirmInRow
              testId="confirm-remove"
              label={`Confirm removing ${c.name}`}
              question="Remove this connection?"
              confirm="Yes, remove"
              busyText="Removing…"
              busy={removing}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <div className="flex items-center justify-end gap-1.5">
              {canVerify && (
                <button
                  type="button"
                  onClick={verify}
                  disabled={verifying || !ready}
                  aria-label={`Verify ${c.name}`}
                  className={`${ROW_BUTTON} bg-slate-700 text-white hover:bg-slate-600`}
                >
                  {verifying ? "Verifying…" : "Verify"}
                </button>
              )}
              {canRemove && (
                <DangerRowButton
                  label={`Remove ${c.name}`}
                  disabled={!ready}
                  onAsk={() => {
                    setError(null);
                    setConfirming(true);
                  }}
                >
                  Remove
                </DangerRowButton>
              )}
            </div>
          )}
        </td>
      </tr>
      {error && <RowError name={c.name} columns={columns} error={error} onDismiss={() => setError(null)} />}
    </>
  );
}
