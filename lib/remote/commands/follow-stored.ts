import type { CommandRepository } from "@/lib/store/commands";
import type { CommandEvent, CommandView, CommandVmView, VmState } from "./types";
import { toVmView } from "./views";

const STATE_FIELDS = ["status", "exitCode", "truncated", "message", "startedAt", "endedAt"] as const;

function stateOf({ vmName: _name, stdout: _out, stderr: _err, ...state }: CommandVmView): VmState {
  return state;
}

/** The events that take a VM from `before` to `after`: output is only ever appended, so its new part is the tail. */
function vmEvents(before: CommandVmView | undefined, after: CommandVmView): CommandEvent[] {
  const events: CommandEvent[] = [];
  const out = after.stdout.slice(before?.stdout.length ?? 0);
  const err = after.stderr.slice(before?.stderr.length ?? 0);
  if (out) events.push({ type: "output", vmId: after.vmId, stream: "stdout", data: out });
  if (err) events.push({ type: "output", vmId: after.vmId, stream: "stderr", data: err });
  if (!before || STATE_FIELDS.some((k) => before[k] !== after[k])) events.push({ type: "vm", vm: stateOf(after) });
  return events;
}

/**
 * Follows a command that another server runs, from what that server writes (its output and
 * statuses, every `flushMs`): every `pollMs` the VMs' states and output lengths are read, the
 * output only of VMs whose output grew, and what changed since `first` goes to the listener as the
 * running server's own events would, the end included. Answers a function that stops following.
 */
export function followStored(repo: Pick<CommandRepository, "progress" | "output">, first: CommandView, listener: (e: CommandEvent) => void, pollMs: number): () => void {
  const views = new Map(first.vms.map((v) => [v.vmId, v]));
  // The output's lengths as the database counts them at the last read (none yet: the first read takes the output whole).
  const lengths = new Map<string, string>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  const end = (status: CommandView["status"]) => {
    stop();
    listener({ type: "end", status });
  };
  const poll = async () => {
    const now = await repo.progress(first.id);
    if (stopped) return;
    // Gone with its MCI: nothing more will come.
    if (!now) return end("interrupted");
    const grown = now.vms.filter((v) => lengths.get(v.vmId) !== `${v.outLength}/${v.errLength}`).map((v) => v.vmId);
    const output = grown.length ? await repo.output(first.id, grown) : new Map<string, { stdout: string; stderr: string }>();
    if (stopped) return;
    for (const { outLength, errLength, ...row } of now.vms) {
      const before = views.get(row.vmId);
      const text = output.get(row.vmId) ?? { stdout: before?.stdout ?? "", stderr: before?.stderr ?? "" };
      const after = toVmView({ ...row, ...text });
      for (const e of vmEvents(before, after)) listener(e);
      views.set(row.vmId, after);
      lengths.set(row.vmId, `${outLength}/${errLength}`);
    }
    if (now.status !== "running") end(now.status as CommandView["status"]);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      poll().then(schedule, (e: unknown) => {
        console.error(`[barista] command ${first.id}: following it from the database failed, will retry:`, e);
        schedule();
      });
    }, pollMs);
    timer.unref?.();
  };
  schedule();
  return stop;
}
