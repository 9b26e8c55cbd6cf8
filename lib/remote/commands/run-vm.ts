import { UnavailableError } from "@/lib/core/errors";
import { killCommand, wrapCommand } from "@/lib/remote/remote-shell";
import { hostId, type ExecResult, type SshTarget } from "@/lib/remote/ssh-client";
import type { CommandRun } from "./command-run";
import { KillSwitch } from "./kill-switch";
import { OutputCapture } from "./output-capture";
import type { CommandDeps, CommandLimits, CommandVmStatus, VmState } from "./types";

/** What the engine knows of a VM it runs a command on. */
export interface VmTarget {
  vmId: string;
  vmName: string;
  connection: string;
  cloudId: string | null;
  publicIp: string | null;
  privateIp: string | null;
}

/** One command's run over its VMs: what every VM's part shares. */
export interface RunContext {
  deps: CommandDeps;
  limits: CommandLimits;
  run: CommandRun;
  namespace: string;
  command: string;
  timeoutSeconds: number;
  kills: KillSwitch;
  /** The namespace's key, read from the vault once per command. */
  namespaceKey: () => Promise<string>;
}

export function runContext(deps: CommandDeps, limits: CommandLimits, run: CommandRun, c: { namespace: string; command: string; timeoutSeconds: number }): RunContext {
  let key: Promise<string> | null = null;
  return {
    deps,
    limits,
    run,
    ...c,
    kills: new KillSwitch(killCommand(run.id)),
    namespaceKey: () => (key ??= deps.vault.revealSshKey(c.namespace)),
  };
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function loginTarget(ctx: RunContext, vm: VmTarget): Promise<SshTarget> {
  const config = await ctx.deps.connections.config(vm.connection);
  if (!config) throw new UnavailableError(`its connection "${vm.connection}" no longer exists`);
  if (!vm.cloudId) throw new UnavailableError("the cloud has not given it an id yet");
  const login = await ctx.deps.driverFor(config).sshLogin({ id: vm.cloudId, name: vm.vmName, publicIp: vm.publicIp, privateIp: vm.privateIp });
  return { host: login.host, port: login.port, username: login.username, privateKey: login.privateKey ?? (await ctx.namespaceKey()) };
}

/** The VM's final status from how its command ended. */
export function outcome(r: ExecResult, elapsedMs: number, timeoutSeconds: number, where: string): Pick<VmState, "status" | "exitCode" | "message"> {
  const pastDeadline = elapsedMs >= timeoutSeconds * 1000;
  const end = (status: CommandVmStatus, message: string | null = null, exitCode: number | null = null) => ({ status, exitCode, message });
  if (r.lostConnection) return end("unreachable", `the connection to ${where} was lost while the command ran`);
  if (r.cancelled) return end("cancelled", "cancelled while it ran; its processes on the VM were killed");
  // The host's `timeout` kills the whole group with KILL; a local deadline is the fallback.
  if (r.timedOut || (pastDeadline && (r.exitSignal !== null || r.exitCode === 124 || r.exitCode === 137))) return end("timedOut", `still running after ${timeoutSeconds} s; it was killed`);
  if (r.exitCode === 0) return end("succeeded", null, 0);
  if (r.exitCode !== null) return end("failed", null, r.exitCode);
  if (r.exitSignal) return end("failed", `ended by signal ${r.exitSignal}`);
  return end("failed", "the VM closed the session without an exit status");
}

/** Runs the command on one VM and records how it ended; never throws. */
export async function runOnVm(ctx: RunContext, vm: VmTarget): Promise<void> {
  const { run, deps } = ctx;
  const now = () => new Date(deps.clock.now()).toISOString();
  const endAs = (patch: Pick<VmState, "status" | "exitCode" | "message">, truncated = false) => run.update(vm.vmId, { ...patch, ...(truncated ? { truncated } : {}), endedAt: now() });
  if (run.cancelled) return endAs({ status: "cancelled", exitCode: null, message: "cancelled before it started on this VM" });
  run.update(vm.vmId, { status: "running", startedAt: now() });
  let target: SshTarget;
  try {
    target = await loginTarget(ctx, vm);
    await deps.ssh.connection(target);
  } catch (e) {
    return endAs({ status: "unreachable", exitCode: null, message: messageOf(e) });
  }
  if (run.cancelled) return endAs({ status: "cancelled", exitCode: null, message: "cancelled before it started on this VM" });
  const where = hostId(target);
  const kill = () => ctx.kills.kill(`${target.username}@${where}`, () => deps.ssh.connection(target));
  let killed: Promise<void> | null = null;
  const onAbort = () => void (killed = kill());
  run.abort.signal.addEventListener("abort", onAbort, { once: true });
  const out = new OutputCapture(ctx.limits.outputBytes);
  const err = new OutputCapture(ctx.limits.outputBytes);
  const started = deps.clock.now();
  let result: ExecResult;
  try {
    result = await deps.ssh.exec(target, wrapCommand(run.id, ctx.command, ctx.timeoutSeconds), {
      onStdout: (c) => run.output(vm.vmId, "stdout", out.take(c)),
      onStderr: (c) => run.output(vm.vmId, "stderr", err.take(c)),
      timeoutMs: ctx.timeoutSeconds * 1000 + ctx.limits.timeoutGraceMs,
      signal: run.abort.signal,
    });
  } catch (e) {
    run.abort.signal.removeEventListener("abort", onAbort);
    return endAs({ status: "unreachable", exitCode: null, message: messageOf(e) });
  }
  run.abort.signal.removeEventListener("abort", onAbort);
  run.output(vm.vmId, "stdout", out.end());
  run.output(vm.vmId, "stderr", err.end());
  // A stop from this side leaves the process on the host: the command may have started after the first kill.
  if (result.cancelled || result.timedOut) killed = kill();
  await killed;
  endAs(outcome(result, deps.clock.now() - started, ctx.timeoutSeconds, where), out.truncated || err.truncated);
}
