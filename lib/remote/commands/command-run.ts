import { setMaxListeners } from "node:events";
import type { CommandRepository, CommandVmChange } from "@/lib/store/commands";
import type { CommandEvent, CommandStatus, CommandView, VmState } from "./types";
import { countStatuses, toCommandView } from "./views";

type Listener = (e: CommandEvent) => void;
type Pending = { stdout: string; stderr: string; set: NonNullable<CommandVmChange["set"]> };

const toDate = (s: string | null | undefined) => (s == null ? s : new Date(s));

/**
 * A command while it runs in this process: the live state of its VMs, the output and statuses
 * not yet written (written together every `flushMs`, so a thousand VMs make one write, not a
 * thousand), and who watches it. Flushes, snapshots and the end take turns, so a snapshot plus
 * the events after it hold every byte exactly once.
 */
export class CommandRun {
  readonly abort = new AbortController();
  private readonly live = new Map<string, Partial<VmState>>();
  private pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();
  private turn: Promise<unknown> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;
  ended: CommandStatus | null = null;

  constructor(
    readonly id: string,
    private readonly repo: CommandRepository,
    flushMs: number,
  ) {
    this.timer = setInterval(() => {
      if (this.pending.size) void this.flush().catch((e: unknown) => console.error(`[barista] command ${id}: output not written yet, will retry:`, e));
    }, flushMs);
    this.timer.unref?.();
    // Every VM running the command listens for its cancel: a thousand listeners are expected here.
    setMaxListeners(0, this.abort.signal);
  }

  get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  output(vmId: string, stream: "stdout" | "stderr", data: string): void {
    if (!data) return;
    this.pendingFor(vmId)[stream] += data;
    this.emit({ type: "output", vmId, stream, data });
  }

  update(vmId: string, patch: Partial<Omit<VmState, "vmId">>): void {
    const state = { ...this.live.get(vmId), ...patch, vmId };
    this.live.set(vmId, state);
    const set = this.pendingFor(vmId).set;
    for (const [k, v] of Object.entries(patch)) (set as Record<string, unknown>)[k] = k === "startedAt" || k === "endedAt" ? toDate(v as string | null) : v;
    this.emit({ type: "vm", vm: state as VmState });
  }

  /** Writes what is pending now, after any write or snapshot in progress. */
  flush(): Promise<void> {
    return this.exclusive(() => this.writePending());
  }

  /**
   * The command as the database has it plus what is not written yet, and, when `listener` is
   * given, every event after that moment: nothing is missed or told twice.
   */
  snapshot(listener?: Listener): Promise<{ view: CommandView; unsubscribe: () => void }> {
    return this.exclusive(async () => {
      const row = await this.repo.find(this.id);
      if (!row) throw new Error(`command ${this.id} has no row`);
      const view = toCommandView(row);
      // No write can happen before this synchronous part ends: what is pending is not in `row`.
      for (const vm of view.vms) {
        const p = this.pending.get(vm.vmId);
        if (p) (vm.stdout += p.stdout), (vm.stderr += p.stderr);
        Object.assign(vm, this.live.get(vm.vmId));
      }
      view.counts = countStatuses(view.vms);
      if (this.ended) view.status = this.ended;
      if (listener && !this.ended) this.listeners.add(listener);
      return { view, unsubscribe: () => void (listener && this.listeners.delete(listener)) };
    });
  }

  /** Writes the rest, then the command's end, then tells the watchers. */
  finish(status: CommandStatus, now: Date): Promise<void> {
    return this.exclusive(async () => {
      clearInterval(this.timer);
      await this.writePending();
      await this.repo.end(this.id, status, now);
      this.ended = status;
      this.emit({ type: "end", status });
      this.listeners.clear();
    });
  }

  private pendingFor(vmId: string): Pending {
    let p = this.pending.get(vmId);
    if (!p) this.pending.set(vmId, (p = { stdout: "", stderr: "", set: {} }));
    return p;
  }

  private async writePending(): Promise<void> {
    if (!this.pending.size) return;
    const taken = this.pending;
    this.pending = new Map();
    try {
      await this.repo.applyVmChanges(this.id, [...taken].map(([vmId, p]) => ({ vmId, stdout: p.stdout, stderr: p.stderr, set: p.set })));
    } catch (e) {
      // Put it back in front of what came meanwhile, so the next write carries both in order.
      for (const [vmId, later] of this.pending) {
        const first = taken.get(vmId);
        taken.set(vmId, first ? { stdout: first.stdout + later.stdout, stderr: first.stderr + later.stderr, set: { ...first.set, ...later.set } } : later);
      }
      this.pending = taken;
      throw e;
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.turn.then(fn);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private emit(e: CommandEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(e);
      } catch (err) {
        console.error(`[barista] command ${this.id}: a watcher failed:`, err);
      }
    }
  }
}
