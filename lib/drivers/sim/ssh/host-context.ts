import type { HostFiles } from "./filesystem";
import type { HostIdentity } from "./host-identity";

/** A file someone wrote on the host (the image's own files are made from its identity, see files.ts). */
export interface SimFile {
  content: string;
  owner: User;
  /** Last written (simulator clock, epoch ms). */
  mtime: number;
}

/** One debconf answer, as debconf-set-selections stores it. */
export interface DebconfAnswer {
  owner: string;
  type: string;
  value: string;
}

export interface UnitState {
  active: boolean;
  enabled: boolean;
  /** When it last changed between active and inactive (simulator clock, epoch ms). */
  since: number;
}

/**
 * What a VM remembers between commands, as its disk would: kept in the database beside the VM's
 * record (see HostStates), not in it, so it never races with the driver's own updates of the record.
 */
export interface VmState {
  /** Package name → when it was installed. */
  packages: Map<string, number>;
  units: Map<string, UnitState>;
  /** Files written since boot of the image, by absolute path. */
  files: Map<string, SimFile>;
  /** Directories made since (the image's own are in filesystem.ts), by absolute path → owner. */
  dirs: Map<string, User>;
  /** debconf answers by question name. */
  debconf: Map<string, DebconfAnswer>;
  /** The third-party repositories whose package lists the last `apt-get update` fetched (by repository id). */
  aptLists: Set<string>;
}

/** The one VM a command runs on. */
export interface Host {
  identity: HostIdentity;
  state: VmState;
  /** The simulator's speed: provider-typical durations (apt) are divided by it; `sleep` is not. */
  speed: number;
  now(): number;
}

/** Where a command writes, and what tells it to stop. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal;
}

export type User = "ubuntu" | "root";

/** Which shell reads a script: the login shell is bash; `sh -c` is dash, as on Ubuntu. */
export type Dialect = "bash" | "dash";

/** One command being run: its host, user, output and the shell it can hand work back to. */
export interface Invocation {
  host: Host;
  user: User;
  io: Io;
  vars: Map<string, string>;
  /** The shell running it, and the script line, for a shell builtin's messages (`sh: 1: [: missing ]`). */
  dialect: Dialect;
  line: number;
  /** The file system with this command's user's rights. */
  files: HostFiles;
  /** Runs another command line's words (sudo, exec, timeout). */
  run(argv: string[], io: Io, user?: User): Promise<number>;
  /** Runs a script through the same shell (sh -c); `args[0]` becomes `$0`. */
  script(src: string, io: Io, args: string[], user?: User, dialect?: Dialect): Promise<number>;
}

export type Builtin = (args: string[], inv: Invocation) => Promise<number> | number;

/** Thrown when a command is stopped from outside; `signal` is the signal name it died of (KILL, TERM …). */
export class Interrupted extends Error {
  constructor(readonly signalName: string) {
    super(`interrupted by SIG${signalName}`);
  }
}

/** `exit n`: ends the shell it runs in. */
export class ShellExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The signal name an abort carries (its reason), TERM when it carries none. */
export function signalOf(signal: AbortSignal): string {
  return signal.reason instanceof Interrupted ? signal.reason.signalName : "TERM";
}

/** Waits real time, or throws Interrupted as soon as the command is stopped. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Interrupted(signalOf(signal)));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted(signalOf(signal)));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A VM's state as its image boots it the first time: the base units running, nothing written. */
export function newVmState(bootedAt: number): VmState {
  return {
    packages: new Map(),
    units: new Map(BASE_UNITS.map((u) => [u, { active: true, enabled: true, since: bootedAt }])),
    files: new Map(),
    dirs: new Map(),
    debconf: new Map(),
    aptLists: new Set(),
  };
}

/** Units an Ubuntu cloud image runs from its first boot. */
export const BASE_UNITS = ["ssh", "cron", "rsyslog", "systemd-journald", "systemd-networkd", "systemd-resolved", "unattended-upgrades", "snapd"];
