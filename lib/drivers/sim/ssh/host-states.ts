import { randomUUID } from "node:crypto";
import type { SimStore } from "../store";
import { newVmState, type DebconfAnswer, type SimFile, type UnitState, type User, type VmState } from "./host-context";

/** A VM's state as the database keeps it: the maps as lists of entries. */
interface StoredState {
  packages: [string, number][];
  units: [string, UnitState][];
  files: [string, SimFile][];
  dirs: [string, User][];
  debconf: [string, DebconfAnswer][];
  aptLists: string[];
}

function encode(s: VmState): string {
  const stored: StoredState = { packages: [...s.packages], units: [...s.units], files: [...s.files], dirs: [...s.dirs], debconf: [...s.debconf], aptLists: [...s.aptLists] };
  return JSON.stringify(stored);
}

function decode(json: string): VmState {
  const s = JSON.parse(json) as StoredState;
  return { packages: new Map(s.packages), units: new Map(s.units), files: new Map(s.files), dirs: new Map(s.dirs), debconf: new Map(s.debconf), aptLists: new Set(s.aptLists) };
}

interface Held {
  state: VmState;
  /** The version read or last written ("" when never written). */
  version: string;
  /** The state as last read or written, to tell whether a command changed it. */
  json: string;
  /** Writes of this VM's state, one after the other; while one is due, this process holds the newest state. */
  writes: Promise<void>;
  due: number;
}

/**
 * What simulated VMs' disks hold, kept in the database so a restart of the server, or another
 * server, finds each VM as it was left. Commands on one VM in this process share one state, read
 * again when another server wrote a newer version; each command that changed it writes it whole
 * (a few kilobytes) when it ends. Two servers running commands on the same VM at once: the later write wins.
 */
export class HostStates {
  private readonly held = new Map<string, Held>();

  constructor(private readonly store: Pick<SimStore, "hostState" | "saveHostState">) {}

  /** The VM's state for a command about to run. */
  async load(vmId: string, bootedAt: number): Promise<VmState> {
    const stored = await this.store.hostState(vmId);
    const held = this.held.get(vmId);
    if (held && (held.due > 0 || held.version === (stored?.version ?? ""))) return held.state;
    const state = stored ? decode(stored.json) : newVmState(bootedAt);
    this.held.set(vmId, { state, version: stored?.version ?? "", json: stored?.json ?? encode(state), writes: Promise.resolve(), due: 0 });
    return state;
  }

  /** Writes the VM's state if a command changed it. */
  save(vmId: string): Promise<void> {
    const held = this.held.get(vmId);
    if (!held) return Promise.resolve();
    held.due++;
    const write = held.writes.then(async () => {
      const json = encode(held.state);
      if (json === held.json) return;
      // A token, not a count: two servers writing at once never write the same version.
      const version = randomUUID();
      await this.store.saveHostState(vmId, json, version);
      Object.assign(held, { version, json });
    });
    held.writes = write.catch(() => undefined).finally(() => void held.due--);
    return write;
  }

  /** Drops the VM from this process's memory (the stored state goes with the VM's record). */
  forget(vmId: string): void {
    this.held.delete(vmId);
  }
}
