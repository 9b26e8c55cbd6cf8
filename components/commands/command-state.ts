import { stripAnsi } from "./ansi";
import type { CommandEvent, CommandStatus, CommandView, CommandVmStatus, CommandVmView } from "./command-types";

export type OutputChunk = { stream: "stdout" | "stderr"; text: string };

/** One VM of a command as the console shows it: its output kept in arrival order, stdout and stderr apart. */
export type LiveVm = {
  vmId: string;
  vmName: string;
  status: CommandVmStatus;
  exitCode: number | null;
  message: string | null;
  truncated: boolean;
  startedAt: string | null;
  endedAt: string | null;
  chunks: readonly OutputChunk[];
  /** Characters kept in `chunks`. */
  size: number;
};

export type LiveCommand = {
  id: string;
  command: string;
  status: CommandStatus;
  createdAt: string;
  createdBy: string;
  timeoutSeconds: number;
  vms: readonly LiveVm[];
  /** Position of each VM in `vms`. */
  index: ReadonlyMap<string, number>;
};

/**
 * What the browser keeps of one VM's output. The server keeps its own documented share; this only
 * bounds the page when a command prints without end on a thousand VMs.
 */
export const BROWSER_OUTPUT_CAP = 256 * 1024;

function fromView(vm: CommandVmView): LiveVm {
  const chunks: OutputChunk[] = [];
  if (vm.stdout) chunks.push({ stream: "stdout", text: stripAnsi(vm.stdout) });
  if (vm.stderr) chunks.push({ stream: "stderr", text: stripAnsi(vm.stderr) });
  return {
    vmId: vm.vmId,
    vmName: vm.vmName,
    status: vm.status,
    exitCode: vm.exitCode,
    message: vm.message,
    truncated: vm.truncated,
    startedAt: vm.startedAt,
    endedAt: vm.endedAt,
    chunks,
    size: chunks.reduce((n, c) => n + c.text.length, 0),
  };
}

/** A command's full answer (`GET …/commands/{cid}` or the stream's snapshot) as live state. */
export function liveCommand(view: CommandView): LiveCommand {
  const vms = view.vms.map(fromView);
  return { id: view.id, command: view.command, status: view.status, createdAt: view.createdAt, createdBy: view.createdBy, timeoutSeconds: view.timeoutSeconds, vms, index: new Map(vms.map((v, i) => [v.vmId, i])) };
}

function appendOutput(vm: LiveVm, stream: OutputChunk["stream"], raw: string): LiveVm {
  const text = stripAnsi(raw);
  if (!text) return vm;
  if (vm.size >= BROWSER_OUTPUT_CAP) return vm.truncated ? vm : { ...vm, truncated: true };
  const room = BROWSER_OUTPUT_CAP - vm.size;
  const kept = text.length > room ? text.slice(0, room) : text;
  const last = vm.chunks[vm.chunks.length - 1];
  // Consecutive pieces of one stream are one chunk: fewer elements to draw.
  const chunks = last && last.stream === stream ? [...vm.chunks.slice(0, -1), { stream, text: last.text + kept }] : [...vm.chunks, { stream, text: kept }];
  return { ...vm, chunks, size: vm.size + kept.length, truncated: vm.truncated || kept.length < text.length };
}

/**
 * Applies a batch of stream events. Only the VMs an event touches get new objects, so rows of the
 * others (memoised by VM) do not redraw; events for VMs the command does not name are ignored.
 */
export function applyEvents(state: LiveCommand | null, events: readonly CommandEvent[]): LiveCommand | null {
  let next = state;
  let vms: LiveVm[] | null = null;
  const vmsOf = (s: LiveCommand) => (vms ??= [...s.vms]);
  for (const e of events) {
    if (e.type === "snapshot") {
      next = liveCommand(e.command);
      vms = null;
      continue;
    }
    if (!next) continue;
    if (e.type === "end") {
      if (vms) next = { ...next, vms };
      vms = null;
      next = { ...next, status: e.end.status };
      continue;
    }
    const vmId = e.type === "output" ? e.output.vmId : e.vm.vmId;
    const i = next.index.get(vmId);
    if (i === undefined) continue;
    const list = vmsOf(next);
    if (e.type === "output") {
      list[i] = appendOutput(list[i], e.output.stream, e.output.data);
    } else {
      const v = e.vm;
      list[i] = {
        ...list[i],
        status: v.status,
        exitCode: v.exitCode !== undefined ? v.exitCode : list[i].exitCode,
        message: v.message !== undefined ? v.message : list[i].message,
        truncated: v.truncated ?? list[i].truncated,
        startedAt: v.startedAt !== undefined ? v.startedAt : list[i].startedAt,
        endedAt: v.endedAt !== undefined ? v.endedAt : list[i].endedAt,
      };
    }
  }
  return next && vms ? { ...next, vms } : next;
}

export type CommandCounts = Record<CommandVmStatus, number> & { total: number };

/** How many VMs are in each status. */
export function countByStatus(vms: readonly { status: CommandVmStatus }[]): CommandCounts {
  const counts: CommandCounts = { total: vms.length, pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, cancelled: 0, unreachable: 0, interrupted: 0 };
  for (const v of vms) counts[v.status]++;
  return counts;
}

/** The last line a VM printed, for its row while its output pane is closed. */
export function lastLine(chunks: readonly OutputChunk[]): OutputChunk | null {
  for (let i = chunks.length - 1; i >= 0; i--) {
    const lines = chunks[i].text.split(/\r?\n|\r/).filter((l) => l.trim() !== "");
    if (lines.length > 0) return { stream: chunks[i].stream, text: lines[lines.length - 1] };
  }
  return null;
}
