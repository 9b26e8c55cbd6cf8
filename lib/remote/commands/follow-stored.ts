import type { CommandRepository } from "@/lib/store/commands";
import type { CommandEvent, CommandView, CommandVmView, VmState } from "./types";
import { toCommandView } from "./views";

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
 * statuses, every `flushMs`): every `pollMs` the rows are read again and what changed since `first`
 * goes to the listener as the running server's own events would, the end included. Answers a
 * function that stops following.
 */
export function followStored(repo: Pick<CommandRepository, "find">, first: CommandView, listener: (e: CommandEvent) => void, pollMs: number): () => void {
  let last = new Map(first.vms.map((v) => [v.vmId, v]));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  const poll = async () => {
    const row = await repo.find(first.id);
    if (stopped) return;
    // Gone with its MCI: nothing more will come.
    const view = row ? toCommandView(row) : { ...first, vms: [], status: "interrupted" as const };
    for (const vm of view.vms) for (const e of vmEvents(last.get(vm.vmId), vm)) listener(e);
    last = new Map(view.vms.map((v) => [v.vmId, v]));
    if (view.status !== "running") {
      stop();
      listener({ type: "end", status: view.status });
    }
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
