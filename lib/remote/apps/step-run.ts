import type { CommandVmView } from "@/lib/validation/commands";
import { renderCommand } from "./template";
import type { AppDeps, InstallVm } from "./types";

/** How one VM's part of a step ended, and the command that ran it (null when none could start). */
export interface StepResult {
  vm: Pick<CommandVmView, "status" | "exitCode" | "message" | "stdout" | "stderr">;
  commandId: string | null;
}

const CONCURRENCY = 100;

/**
 * Runs a step's command on the VMs as remote commands, so its output is in the Commands history.
 * VMs whose templated text is the same share one command (a step without variables is one
 * command over them all); `onStarted` learns each command's id as soon as it runs.
 */
export async function runStep(
  deps: AppDeps,
  at: { namespace: string; mciId: string; createdBy: string },
  template: string,
  timeoutSeconds: number,
  vms: InstallVm[],
  onStarted: (commandId: string, vmIds: string[]) => Promise<void>,
): Promise<Map<string, StepResult>> {
  const byText = new Map<string, InstallVm[]>();
  for (const vm of vms) {
    const text = renderCommand(template, vm);
    byText.set(text, [...(byText.get(text) ?? []), vm]);
  }
  const results = new Map<string, StepResult>();
  await Promise.all(
    [...byText].map(async ([command, group]) => {
      const vmIds = group.map((v) => v.vmId);
      let commandId: string;
      try {
        commandId = (await deps.commands.start(at.namespace, at.mciId, { command, vmIds, timeoutSeconds, concurrency: CONCURRENCY }, at.createdBy)).id;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        for (const id of vmIds) results.set(id, { vm: { status: "unreachable", exitCode: null, message, stdout: "", stderr: "" }, commandId: null });
        return;
      }
      await onStarted(commandId, vmIds);
      const view = await deps.commands.result(at.namespace, at.mciId, commandId);
      const byVm = new Map(view.vms.map((v) => [v.vmId, v]));
      for (const id of vmIds) {
        const vm = byVm.get(id);
        results.set(id, { vm: vm ?? { status: "unreachable", exitCode: null, message: "the command has no record of this VM", stdout: "", stderr: "" }, commandId });
      }
    }),
  );
  return results;
}
