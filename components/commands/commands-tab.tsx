"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { RoleNotice } from "@/components/ui/role-notice";
import type { Access } from "@/lib/core/roles";
import { commandKeys } from "./command-api";
import { CommandForm } from "./command-form";
import { CommandHistory } from "./command-history";
import { CommandRun } from "./command-run";

type Props = {
  namespace: string;
  mciId: string;
  subGroups: readonly { name: string; vmCount: number }[];
  vmCount: number;
  selectedIds: ReadonlySet<string>;
  /** The least role that runs and cancels commands here, and whether the viewer has it. */
  runAccess: Access;
  canRun: boolean;
  canCancel: boolean;
  /** The command shown (the URL carries it), or null for the history. */
  commandId: string | null;
  onCommand: (cid: string | null) => void;
  onPickVms: () => void;
};

/** The MCI's Commands tab: run a shell command on its VMs and watch each VM's output; past commands below. */
export function CommandsTab({ namespace, mciId, subGroups, vmCount, selectedIds, runAccess, canRun, canCancel, commandId, onCommand, onPickVms }: Props) {
  const queryClient = useQueryClient();
  const refreshHistory = useCallback(() => void queryClient.invalidateQueries({ queryKey: commandKeys.history(namespace, mciId) }), [queryClient, namespace, mciId]);
  const started = useCallback(
    (cid: string) => {
      refreshHistory();
      onCommand(cid);
    },
    [refreshHistory, onCommand],
  );

  return (
    <div data-testid="commands-tab" className="flex min-h-0 flex-1 flex-col">
      {canRun ? (
        <CommandForm namespace={namespace} mciId={mciId} subGroups={subGroups} vmCount={vmCount} selectedIds={selectedIds} onStarted={started} onPickVms={onPickVms} />
      ) : (
        <div className="border-b border-panel-edge px-5 py-3">
          <RoleNotice what="Running commands on the VMs" access={runAccess} ns={namespace} compact testId="command-role-notice" />
        </div>
      )}
      {commandId ? (
        <CommandRun key={commandId} namespace={namespace} mciId={mciId} cid={commandId} canCancel={canCancel} onBack={() => onCommand(null)} onSettled={refreshHistory} />
      ) : (
        <CommandHistory
          namespace={namespace}
          mciId={mciId}
          onOpen={onCommand}
          empty={canRun ? "No command has run here yet. Type one above, e.g. uptime, and press Enter." : "No command has run on this MCI yet."}
        />
      )}
    </div>
  );
}
