import type { AppInstallWithVms } from "@/lib/store/apps";
import type { AppVmState, MciApp } from "@/lib/validation/apps";
import type { AppCatalogue } from "./catalogue";

/** An install as the API shows it: the app, its counts and each VM's state. */
export function toMciApp(row: AppInstallWithVms, catalogue: AppCatalogue): MciApp {
  const counts = { installing: 0, running: 0, failed: 0 };
  const vms = row.vms.map((v) => {
    const state = v.state as AppVmState;
    counts[state] += 1;
    return { vmId: v.vmId, vmName: v.vmName, state, step: v.step, message: v.message, ...(v.url ? { url: v.url } : {}), commandId: v.commandId };
  });
  return {
    app: row.app,
    name: catalogue.find(row.app)?.name ?? row.app,
    version: row.version,
    installId: row.id,
    subGroup: row.subGroup,
    status: row.status === "finished" ? "finished" : "installing",
    createdBy: row.createdBy,
    startedAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    counts,
    vms,
  };
}
