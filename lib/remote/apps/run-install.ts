import { isCloudError } from "@/lib/core/errors";
import type { AppInstallWithVms, AppVmPatch } from "@/lib/store/apps";
import type { LoadedRecipe } from "./loader";
import { healthFailure, notRunning, stepFailure } from "./messages";
import { openPorts, portsText } from "./open-ports";
import { runStep, type StepResult } from "./step-run";
import { renderUrl, templateValues } from "./template";
import type { AppDeps, InstallVm } from "./types";

export const HEALTH_STEP = "health check";
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One install's run, from the step it stands at to its end; every change goes to the database as it happens. */
class InstallRun {
  private readonly installing: Set<string>;
  private readonly notes = new Map<string, string>();
  private readonly at: { namespace: string; mciId: string; createdBy: string };

  constructor(
    private readonly deps: AppDeps,
    private readonly row: AppInstallWithVms,
    private readonly recipe: LoadedRecipe,
  ) {
    this.installing = new Set(row.vms.filter((v) => v.state === "installing").map((v) => v.vmId));
    this.at = { namespace: row.namespace, mciId: row.mciId, createdBy: row.createdBy };
  }

  private update(vmIds: string[], patch: AppVmPatch): Promise<void> {
    return this.deps.apps.updateVms(this.row.id, vmIds, patch);
  }

  private async fail(changes: { vmId: string; message: string }[]): Promise<void> {
    for (const c of changes) this.installing.delete(c.vmId);
    await this.deps.apps.updateEach(this.row.id, changes.map((c) => ({ vmId: c.vmId, patch: { state: "failed", message: c.message } })));
  }

  /** The VMs still installing as they are now; those gone or not Running fail, saying why. */
  private async current(): Promise<InstallVm[]> {
    let vms;
    try {
      vms = (await this.deps.mcis.getMci(this.row.namespace, this.row.mciId)).vms;
    } catch (e) {
      if (!(isCloudError(e) && e.code === "NotFound")) throw e;
      await this.fail([...this.installing].map((vmId) => ({ vmId, message: "the MCI was deleted while the app was being installed" })));
      return [];
    }
    const byId = new Map(vms.map((v) => [v.id, v]));
    const out: InstallVm[] = [];
    const failed: { vmId: string; message: string }[] = [];
    for (const vmId of this.installing) {
      const v = byId.get(vmId);
      if (!v) failed.push({ vmId, message: "the VM is no longer part of the MCI" });
      else if (v.status !== "Running") failed.push({ vmId, message: notRunning(v.status) });
      else out.push({ vmId, vmName: v.name, connection: v.connection, status: v.status, publicIp: v.publicIp, privateIp: v.privateIp });
    }
    await this.fail(failed);
    return out;
  }

  private onStarted = (commandId: string, vmIds: string[]) => this.update(vmIds, { commandId });

  async run(): Promise<void> {
    const { recipe, deps } = this;
    // Every run opens the ports, so a resumed install has them too: adding a rule twice changes nothing.
    const first = await this.current();
    const ports = await openPorts(deps, this.row.namespace, recipe.ports, first);
    const blocked: { vmId: string; message: string }[] = [];
    for (const vm of first) {
      const o = ports.get(vm.connection);
      if (o?.kind === "failed") blocked.push({ vmId: vm.vmId, message: o.message });
      if (o?.kind === "note") this.notes.set(vm.vmId, o.note);
    }
    await this.fail(blocked);

    for (let i = this.row.stepIndex; i < recipe.steps.length; i++) {
      const vms = await this.current();
      if (!vms.length) break;
      const step = recipe.steps[i];
      const position = `${i + 1} of ${recipe.steps.length}`;
      await deps.apps.setStep(this.row.id, i);
      await this.update(vms.map((v) => v.vmId), { step: step.name, message: `step ${position}: ${step.name}` });
      const results = await runStep(deps, this.at, step.run, step.timeoutSeconds, vms, this.onStarted);
      await this.fail(vms.filter((v) => results.get(v.vmId)?.vm.status !== "succeeded").map((v) => ({ vmId: v.vmId, message: stepFailure(step.name, position, results.get(v.vmId)!.vm, step.timeoutSeconds) })));
    }

    await deps.apps.setStep(this.row.id, recipe.steps.length);
    await this.checkHealth();
    await deps.apps.finish(this.row.id, new Date(deps.clock.now()));
  }

  /** The health check, retried on the VMs that have not passed it; a pass makes the VM running. */
  private async checkHealth(): Promise<void> {
    const { recipe, deps } = this;
    const { health } = recipe;
    const tries = health.retries + 1;
    const sleep = deps.sleep ?? realSleep;
    let pending = await this.current();
    let last = new Map<string, StepResult>();
    await this.update(pending.map((v) => v.vmId), { step: HEALTH_STEP, message: `checking that ${recipe.name} answers` });
    for (let t = 1; t <= tries && pending.length; t++) {
      if (t > 1) {
        await sleep(health.intervalSeconds * 1000);
        pending = (await this.current()).filter((v) => pending.some((p) => p.vmId === v.vmId));
        if (!pending.length) break;
      }
      last = await runStep(deps, this.at, health.run, health.timeoutSeconds, pending, this.onStarted);
      const passed = pending.filter((v) => last.get(v.vmId)?.vm.status === "succeeded");
      for (const v of passed) this.installing.delete(v.vmId);
      await deps.apps.updateEach(this.row.id, passed.map((v) => ({ vmId: v.vmId, patch: this.runningPatch(v) })));
      pending = pending.filter((v) => !passed.includes(v));
      if (pending.length && t < tries) await this.update(pending.map((v) => v.vmId), { message: `health check: try ${t} of ${tries} did not pass yet; trying again in ${health.intervalSeconds} s` });
    }
    await this.fail(pending.map((v) => ({ vmId: v.vmId, message: healthFailure(health.run, tries, last.get(v.vmId)?.vm ?? { status: "unreachable", exitCode: null, message: null, stdout: "", stderr: "" }) })));
  }

  private runningPatch(vm: InstallVm): AppVmPatch {
    const { recipe } = this;
    const note = this.notes.get(vm.vmId);
    const host = templateValues(vm).host;
    const where = recipe.url ? "" : recipe.ports.length ? `; reach it at ${recipe.ports.map((p) => `${host}:${p.port} (${p.protocol})`).join(", ")}` : "";
    return {
      state: "running",
      url: recipe.url ? renderUrl(recipe.url, vm) : null,
      message: `${recipe.name} ${recipe.version} runs${where}${note ? `; ${note}` : ""}`,
    };
  }
}

/** Runs an install from where it stands; a recipe no longer offered fails its VMs in words. */
export async function runInstall(deps: AppDeps, row: AppInstallWithVms): Promise<void> {
  const recipe = deps.catalogue.find(row.app);
  if (!recipe) {
    const left = row.vms.filter((v) => v.state === "installing").map((v) => v.vmId);
    await deps.apps.updateVms(row.id, left, { state: "failed", message: `this server no longer offers the app "${row.app}" (its recipe file is gone); the apps are ${deps.catalogue.ids.join(", ")}` });
    await deps.apps.finish(row.id, new Date(deps.clock.now()));
    return;
  }
  await new InstallRun(deps, row, recipe).run();
}

export { portsText };
