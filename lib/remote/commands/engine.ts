import { randomUUID } from "node:crypto";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import type { CommandWithVms } from "@/lib/store/commands";
import type { CommandCreate, CommandSummary } from "@/lib/validation/commands";
import { CommandRun } from "./command-run";
import { followStored } from "./follow-stored";
import { Limiter } from "../limiter";
import { runContext, runOnVm, type VmTarget } from "./run-vm";
import { chooseVms } from "./select-vms";
import { DEFAULT_LIMITS, type CommandDeps, type CommandEvent, type CommandLimits, type CommandStatus, type CommandView } from "./types";
import { toCommandView, toSummary } from "./views";

export const INTERRUPTED_MESSAGE = "the server stopped while the command ran; whether it finished on this VM is unknown";

/**
 * Runs remote commands over the VMs of an MCI: each VM's part through SSH, at most `concurrency`
 * VMs of a command and `limits.sessions` sessions of all commands at once; statuses and output
 * go to the database in batches and to watchers as they come.
 */
export class CommandEngine {
  private readonly runs = new Map<string, { run: CommandRun; done: Promise<void> }>();
  private cancelTimer: ReturnType<typeof setInterval> | null = null;
  private readonly sessions: Limiter;
  readonly limits: CommandLimits;

  constructor(private readonly deps: CommandDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.sessions = new Limiter(this.limits.sessions);
  }

  /** Records the command and starts it in the background; answers its id at once. */
  async start(namespace: string, mciId: string, req: CommandCreate, createdBy: string): Promise<{ id: string }> {
    const mci = await this.deps.mcis.getMci(namespace, mciId);
    const chosen = chooseVms(mci, req);
    const id = `cmd-${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const now = new Date(this.deps.clock.now());
    await this.deps.commands.create(
      { id, mciId: mci.id, namespace, command: req.command, subGroup: req.subGroup ?? null, vmIds: req.vmIds ?? null, timeoutSeconds: req.timeoutSeconds, concurrency: req.concurrency, createdBy, owner: this.deps.owner ?? null },
      chosen.map((v) =>
        v.status === "Running"
          ? { vmId: v.id, vmName: v.name, status: "pending" }
          : { vmId: v.id, vmName: v.name, status: "unreachable", message: `the VM is ${v.status}, not Running`, endedAt: now },
      ),
    );
    const targets: VmTarget[] = chosen.filter((v) => v.status === "Running").map((v) => ({ vmId: v.id, vmName: v.name, connection: v.connection, cloudId: v.cloudId, publicIp: v.publicIp, privateIp: v.privateIp }));
    const run = new CommandRun(id, this.deps.commands, this.limits.flushMs);
    const entry = { run, done: Promise.resolve() };
    this.runs.set(id, entry);
    entry.done = this.execute(run, targets, { namespace, ...req });
    this.listenForCancels();
    return { id };
  }

  /**
   * Another server asked to cancel a command that runs here: it wrote the request, and every
   * `cancelPollMs`, while commands run here, one read asks which of them were asked.
   */
  private listenForCancels(): void {
    if (this.cancelTimer) return;
    this.cancelTimer = setInterval(() => {
      if (!this.runs.size) {
        clearInterval(this.cancelTimer!);
        this.cancelTimer = null;
        return;
      }
      const running = [...this.runs.values()].map((r) => r.run).filter((r) => !r.cancelled);
      if (!running.length) return;
      this.deps.commands.cancelsRequested(running.map((r) => r.id)).then(
        (asked) => running.filter((r) => asked.has(r.id) && !r.cancelled).forEach((r) => r.abort.abort()),
        (e: unknown) => console.error("[barista] could not look for cancel requests of the commands running here:", e),
      );
    }, this.limits.cancelPollMs);
    this.cancelTimer.unref?.();
  }

  private async execute(run: CommandRun, targets: VmTarget[], c: { namespace: string; command: string; timeoutSeconds: number; concurrency: number }): Promise<void> {
    const ctx = runContext(this.deps, this.limits, run, c);
    const perCommand = new Limiter(c.concurrency);
    await Promise.all(
      targets.map((vm) =>
        perCommand.run(() =>
          this.sessions.run(() =>
            runOnVm(ctx, vm).catch((e: unknown) => {
              console.error(`[barista] command ${run.id} on ${vm.vmName}:`, e);
              run.update(vm.vmId, { status: "failed", exitCode: null, message: `Barista could not run it: ${e instanceof Error ? e.message : String(e)}`, endedAt: new Date(this.deps.clock.now()).toISOString() });
            }),
          ),
        ),
      ),
    );
    const status: CommandStatus = run.cancelled ? "cancelled" : "finished";
    try {
      await run.finish(status, new Date(this.deps.clock.now()));
    } catch (e) {
      console.error(`[barista] command ${run.id}: its end could not be written:`, e);
    } finally {
      this.runs.delete(run.id);
    }
  }

  private async row(namespace: string, mciId: string, cid: string): Promise<CommandWithVms> {
    const row = await this.deps.commands.find(cid);
    if (!row || row.namespace !== namespace || row.mciId !== mciId) throw new NotFoundError(`MCI "${mciId}" in namespace "${namespace}" has no command "${cid}"; GET /api/v1/ns/${namespace}/mci/${mciId}/commands lists them`);
    return row;
  }

  async list(namespace: string, mciId: string, q: { limit: number; before?: string }): Promise<CommandSummary[]> {
    await this.deps.mcis.getMci(namespace, mciId);
    const rows = await this.deps.commands.list(mciId, q);
    // Counts of a running command come from its rows, which lag its live state by at most one flush.
    return rows.map(toSummary);
  }

  async get(namespace: string, mciId: string, cid: string): Promise<CommandView> {
    const row = await this.row(namespace, mciId, cid);
    const active = this.runs.get(cid);
    return active ? (await active.run.snapshot()).view : toCommandView(row);
  }

  /**
   * The command now and, while it runs, every event after that moment; `ended` says no event
   * will come (it had already ended).
   */
  async watch(namespace: string, mciId: string, cid: string, listener: (e: CommandEvent) => void): Promise<{ snapshot: CommandView; ended: boolean; unsubscribe: () => void }> {
    const row = await this.row(namespace, mciId, cid);
    const active = this.runs.get(cid);
    if (!active) {
      const snapshot = toCommandView(row);
      if (row.status !== "running") return { snapshot, ended: true, unsubscribe: () => undefined };
      // Another server runs it (or it ended here a moment ago): follow what is written of it.
      return { snapshot, ended: false, unsubscribe: followStored(this.deps.commands, snapshot, listener, this.limits.followMs) };
    }
    const { view, unsubscribe } = await active.run.snapshot(listener);
    return { snapshot: view, ended: active.run.ended !== null, unsubscribe };
  }

  /** Stops the command: VMs running it have it killed, VMs not started yet never start it. */
  async cancel(namespace: string, mciId: string, cid: string): Promise<{ id: string; status: CommandStatus; message: string }> {
    const row = await this.row(namespace, mciId, cid);
    const active = this.runs.get(cid);
    if (!active && row.status === "running" && (await this.deps.commands.requestCancel(cid, new Date(this.deps.clock.now())))) {
      const { counts } = toCommandView(row);
      return { id: cid, status: "running", message: `cancelling: the server running it stops it within ${this.limits.cancelPollMs / 1000} s; ${plural(counts.running, "VM")} running it will have it killed, ${plural(counts.pending, "VM")} not started yet will not start it` };
    }
    if (!active || active.run.ended) {
      const ended = active?.run.ended ?? (await this.deps.commands.find(cid))?.status ?? row.status;
      throw new ConflictError(`command ${cid} already ended (${ended}); there is nothing to cancel`);
    }
    const { view } = await active.run.snapshot();
    active.run.abort.abort();
    return { id: cid, status: "running", message: `cancelling: ${plural(view.counts.running, "VM")} running it will have it killed, ${plural(view.counts.pending, "VM")} not started yet will not start it` };
  }

  /** Resolves when the command's run has ended and been written (immediately when it is not running here). */
  async settled(cid: string): Promise<void> {
    await this.runs.get(cid)?.done;
  }

  /** The command once it has ended, with every VM's status and output (at once when it already had). */
  async result(namespace: string, mciId: string, cid: string): Promise<CommandView> {
    await this.settled(cid);
    return this.get(namespace, mciId, cid);
  }

  /** Commands running in this process now. */
  get active(): number {
    return this.runs.size;
  }

  /**
   * What was running on a server that stopped or died is interrupted: with `alive` (the servers
   * seen lately, this one among them), only commands of other servers; without, every command
   * (at start-up, before any command runs, when this server is the only one).
   */
  interruptLeftovers(alive?: readonly string[]): Promise<number> {
    return this.deps.commands.interruptRunning(new Date(this.deps.clock.now()), INTERRUPTED_MESSAGE, alive);
  }
}
