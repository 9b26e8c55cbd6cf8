import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import type { SshPool } from "@/lib/remote/ssh-pool";
import type { CommandRepository } from "@/lib/store/commands";
import type { MciRepository } from "@/lib/store/mci";
import type { CommandStatus, CommandView, CommandVmStatus, CommandVmView } from "@/lib/validation/commands";

/** Everything the command engine needs from outside, so tests can hand it their own hosts. */
export interface CommandDeps {
  commands: CommandRepository;
  mcis: Pick<MciRepository, "getMci">;
  connections: { config(name: string): Promise<ConnectionConfig | null> };
  driverFor(connection: ConnectionConfig): Pick<CloudDriver, "sshLogin">;
  /** The namespace's SSH key, for VMs whose driver gives no key of its own. */
  vault: { revealSshKey(namespace: string): Promise<string> };
  ssh: Pick<SshPool, "exec" | "connection">;
  clock: Clock;
  limits?: Partial<CommandLimits>;
  /** This server's id: the commands it runs carry it, so another takes over only those of a dead server. */
  owner?: string;
}

export interface CommandLimits {
  /** SSH sessions of every command together, process-wide. */
  sessions: number;
  /** Bytes kept of each VM's stdout, and as many of its stderr. */
  outputBytes: number;
  /** How often pending output and statuses are written to the database, in one transaction. */
  flushMs: number;
  /** How long after the remote deadline the local wait gives up (the host's `timeout` should have ended it). */
  timeoutGraceMs: number;
  /** How often a running command is checked for a cancel asked of another server. */
  cancelPollMs: number;
  /** How often a server follows, from the database, a command that another server runs. */
  followMs: number;
}

export const DEFAULT_LIMITS: CommandLimits = { sessions: 1_000, outputBytes: 256 * 1024, flushMs: 250, timeoutGraceMs: 5_000, cancelPollMs: 1_000, followMs: 500 };

/** What changes about a VM as its part of a command goes on. */
export type VmState = Omit<CommandVmView, "vmName" | "stdout" | "stderr">;

export type CommandEvent =
  | { type: "output"; vmId: string; stream: "stdout" | "stderr"; data: string }
  | { type: "vm"; vm: VmState }
  | { type: "end"; status: CommandStatus };

export type { CommandStatus, CommandView, CommandVmStatus, CommandVmView };

/** A VM's statuses that are final. */
export const ENDED_VM: ReadonlySet<CommandVmStatus> = new Set(["succeeded", "failed", "timedOut", "cancelled", "unreachable", "interrupted"]);
