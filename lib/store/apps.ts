import type { AppInstall, AppInstallVm, PrismaClient } from "./generated/prisma/client";
import { inTransaction, setAuditTarget } from "./audit-scope";

export type { AppInstall as AppInstallRow, AppInstallVm as AppInstallVmRow };
export type AppInstallWithVms = AppInstall & { vms: AppInstallVm[] };

export interface NewAppInstall {
  id: string;
  namespace: string;
  mciId: string;
  app: string;
  version: string;
  subGroup: string | null;
  createdBy: string;
  /** The server running it. */
  owner?: string | null;
}

export interface NewAppInstallVm {
  vmId: string;
  vmName: string;
  state: string;
  step: string;
  message?: string | null;
}

export type AppVmPatch = Partial<Pick<AppInstallVm, "state" | "step" | "message" | "url" | "commandId">>;

const withVms = { vms: { orderBy: { vmName: "asc" as const } } };

/** App installs on MCIs and how far each VM got. */
export class AppInstallRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Records a new install and its VMs unless one of the same app on the MCI is unfinished, in one
   * transaction (so two requests at once cannot both start); `refuse` makes the error for that
   * case. In an audited request, the audit entry names the install.
   */
  async create(i: NewAppInstall, vms: NewAppInstallVm[], refuse: (unfinished: AppInstall) => Error): Promise<void> {
    setAuditTarget(`${i.namespace}/${i.mciId}/apps/${i.id}: ${i.app} ${i.version}${i.subGroup ? ` on subgroup ${i.subGroup}` : ""}`);
    await inTransaction(this.prisma, async (tx) => {
      const unfinished = await tx.appInstall.findFirst({ where: { mciId: i.mciId, app: i.app, status: "installing" } });
      if (unfinished) throw refuse(unfinished);
      await tx.appInstall.create({ data: { ...i, status: "installing" } });
      await tx.appInstallVm.createMany({ data: vms.map((v) => ({ installId: i.id, vmId: v.vmId, vmName: v.vmName, state: v.state, step: v.step, message: v.message ?? null })) });
    });
  }

  find(id: string): Promise<AppInstallWithVms | null> {
    return this.prisma.appInstall.findUnique({ where: { id }, include: withVms });
  }

  /** The newest install of each app on the MCI. */
  async latestPerApp(mciId: string): Promise<AppInstallWithVms[]> {
    const rows = await this.prisma.appInstall.findMany({ where: { mciId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: withVms });
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.app) && seen.add(r.app));
  }

  /** Installs not finished, oldest first: those of a stopped or dead server go on elsewhere. */
  unfinished(): Promise<AppInstallWithVms[]> {
    return this.prisma.appInstall.findMany({ where: { status: "installing" }, orderBy: { createdAt: "asc" }, include: withVms });
  }

  /**
   * Makes `owner` the server running an unfinished install that `from` held (a dead server, or
   * none); true for the one server whose take-over changed the row, so two never both go on.
   */
  async takeOver(id: string, from: string | null, owner: string): Promise<boolean> {
    return (await this.prisma.appInstall.updateMany({ where: { id, owner: from, status: "installing" }, data: { owner } })).count === 1;
  }

  async setStep(id: string, stepIndex: number): Promise<void> {
    await this.prisma.appInstall.update({ where: { id }, data: { stepIndex } });
  }

  /** The same change for several VMs of an install, in one transaction. */
  async updateVms(installId: string, vmIds: string[], patch: AppVmPatch): Promise<void> {
    if (!vmIds.length) return;
    await this.prisma.appInstallVm.updateMany({ where: { installId, vmId: { in: vmIds } }, data: patch });
  }

  /** Changes that differ per VM, in one transaction. */
  async updateEach(installId: string, changes: { vmId: string; patch: AppVmPatch }[]): Promise<void> {
    if (!changes.length) return;
    await this.prisma.$transaction(changes.map((c) => this.prisma.appInstallVm.update({ where: { installId_vmId: { installId, vmId: c.vmId } }, data: c.patch })));
  }

  async finish(id: string, endedAt: Date): Promise<void> {
    await this.prisma.appInstall.update({ where: { id }, data: { status: "finished", endedAt } });
  }
}
