import { randomUUID } from "node:crypto";
import { ConflictError, isCloudError, NotFoundError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import type { AppInstallWithVms, AppVmPatch } from "@/lib/store/apps";
import type { AppInstallRequest, AppView, MciApp } from "@/lib/validation/apps";
import { notRunning } from "./messages";
import { runInstall } from "./run-install";
import type { AppDeps } from "./types";
import { toMciApp } from "./views";

/**
 * Installs apps on the VMs of MCIs: each install runs in the background, step after step, as
 * remote commands; its progress is in the database, so a restart goes on where it stood.
 */
export class AppInstaller {
  private readonly runs = new Map<string, Promise<void>>();

  constructor(readonly deps: AppDeps) {}

  apps(): AppView[] {
    return this.deps.catalogue.list();
  }

  /** Records the install over the chosen VMs and starts it; answers its id at once. */
  async install(namespace: string, mciId: string, req: AppInstallRequest, createdBy: string): Promise<{ id: string }> {
    const recipe = this.deps.catalogue.get(req.app);
    const mci = await this.deps.mcis.getMci(namespace, mciId);
    let vms = mci.vms;
    if (req.subGroup !== undefined) {
      const sg = mci.subGroups.find((s) => s.name === req.subGroup);
      if (!sg) throw new NotFoundError(`MCI "${mci.name}" has no subgroup "${req.subGroup}"; it has ${mci.subGroups.map((s) => s.name).join(", ") || "none"}`, "subGroup");
      vms = vms.filter((v) => v.subGroupId === sg.id);
    }
    const where = req.subGroup !== undefined ? `subgroup "${req.subGroup}" of MCI "${mci.name}"` : `MCI "${mci.name}"`;
    if (!vms.length) throw new ConflictError(`${where} has no VMs to install ${recipe.name} on`);
    if (!vms.some((v) => v.status === "Running")) {
      const byStatus = new Map<string, number>();
      for (const v of vms) byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
      const seen = [...byStatus].map(([s, n]) => `${n} ${s}`).join(", ");
      throw new ConflictError(`none of the ${plural(vms.length, "VM")} of ${where} is Running (${seen}); resume or wait for them, then install ${recipe.name} again`);
    }
    const id = `app-${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await this.deps.apps.create(
      { id, namespace, mciId: mci.id, app: recipe.id, version: recipe.version, subGroup: req.subGroup ?? null, createdBy, owner: this.deps.owner ?? null },
      vms.map((v) =>
        v.status === "Running"
          ? { vmId: v.id, vmName: v.name, state: "installing", step: recipe.steps[0].name, message: "waiting for its first step" }
          : { vmId: v.id, vmName: v.name, state: "failed", step: "", message: notRunning(v.status) },
      ),
      (u) => new ConflictError(`${recipe.name} is still being installed on MCI "${mci.name}" (install ${u.id}, started by ${u.createdBy} at ${u.createdAt.toISOString()}); wait for it to end, then install again`),
    );
    this.launch(id);
    return { id };
  }

  /** The newest install of each app on the MCI, with each VM's state. */
  async list(namespace: string, mciId: string): Promise<MciApp[]> {
    const mci = await this.deps.mcis.getMci(namespace, mciId);
    return (await this.deps.apps.latestPerApp(mci.id)).map((r) => toMciApp(r, this.deps.catalogue));
  }

  /** Resolves when the install's run in this process has ended (at once when none runs). */
  async settled(id: string): Promise<void> {
    await this.runs.get(id);
  }

  /**
   * After the command engine marked what a stop interrupted, unfinished installs go on from their
   * step: with `alive` (the servers seen lately), only those of no live server, each taken over by
   * one server; without, every one (at start-up, when this server is the only one). Answers how many it took.
   */
  async resumeLeftovers(alive?: readonly string[]): Promise<number> {
    const rows = await this.deps.apps.unfinished();
    let taken = 0;
    for (const r of rows) {
      if (this.runs.has(r.id)) continue;
      if (alive) {
        if (r.owner && alive.includes(r.owner)) continue;
        if (!(await this.deps.apps.takeOver(r.id, r.owner, this.deps.owner ?? "unknown"))) continue;
      }
      this.launch(r.id);
      taken++;
    }
    return taken;
  }

  private launch(id: string): void {
    const done = this.execute(id)
      .catch((e: unknown) => console.error(`[barista] app install ${id}:`, e))
      .finally(() => this.runs.delete(id));
    this.runs.set(id, done);
  }

  private async execute(id: string): Promise<void> {
    const row = await this.deps.apps.find(id);
    if (!row || row.status !== "installing") return;
    try {
      await runInstall(this.deps, row);
    } catch (e) {
      // An error of Barista's own (the database, a bug): the VMs still installing say so rather than stay installing forever.
      await this.failRest(row, `Barista could not go on with the install: ${e instanceof Error ? e.message : String(e)}; install the app again`);
      if (!isCloudError(e)) throw e;
    }
  }

  private async failRest(row: AppInstallWithVms, message: string): Promise<void> {
    const now = await this.deps.apps.find(row.id);
    const left = (now?.vms ?? []).filter((v) => v.state === "installing").map((v) => v.vmId);
    const patch: AppVmPatch = { state: "failed", message };
    await this.deps.apps.updateVms(row.id, left, patch);
    await this.deps.apps.finish(row.id, new Date(this.deps.clock.now()));
  }
}
