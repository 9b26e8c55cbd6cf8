import type { MciApp } from "@/lib/validation/apps";
import { AppStatePill } from "./app-state-pill";

type Props = {
  app: MciApp;
  onOpenVm: (vmId: string) => void;
  /** Shows a command's output in the Commands tab. */
  onOpenCommand: (commandId: string) => void;
};

/** Each VM of an install: its state, the step it is at, what happened, and where it serves the app. */
export function AppVmList({ app, onOpenVm, onOpenCommand }: Props) {
  return (
    <ul className="mt-2 divide-y divide-panel-edge/70 rounded-lg border border-panel-edge/70" aria-label={`${app.name} on each VM`}>
      {app.vms.map((vm) => (
        <li key={vm.vmId} data-testid="app-vm" data-vm={vm.vmName} data-state={vm.state} className="px-3 py-2">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <button type="button" onClick={() => onOpenVm(vm.vmId)} className="font-medium text-white hover:underline">
              {vm.vmName}
            </button>
            <AppStatePill state={vm.state} />
            {vm.step && <span className="text-sm text-slate-400">{vm.step}</span>}
            {vm.url && (
              <a href={vm.url} target="_blank" rel="noreferrer" className="text-sm text-sky-300 underline decoration-sky-300/50 underline-offset-2 hover:decoration-sky-300">
                {vm.url}
              </a>
            )}
          </div>
          {vm.message && <p className={`mt-1 text-sm ${vm.state === "failed" ? "text-rose-200" : "text-slate-300"}`}>{vm.message}</p>}
          {vm.commandId && vm.state === "failed" && (
            <button type="button" data-testid="app-vm-output" onClick={() => onOpenCommand(vm.commandId!)} className="mt-1 block text-left text-sm text-sky-300 hover:underline">
              Show the output of “{vm.step}” ({vm.commandId})
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
