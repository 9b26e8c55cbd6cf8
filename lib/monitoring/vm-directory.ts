import type { Clock } from "@/lib/core/clock";
import type { MonitoredVm, MonitoredVmRepository } from "@/lib/store/monitored-vms";

/** How long a loaded VM list is trusted before the next write reloads it. */
const MAX_AGE_MS = 10_000;
/** An id found nowhere is not looked up again for this long, so a stream of lines for unknown VMs cannot hammer the database. */
const NEGATIVE_MS = 1_000;

export interface VmLookup {
  list(): Promise<MonitoredVm[]>;
  find(id: string): Promise<MonitoredVm | null>;
  findByPublicIp(ip: string): Promise<MonitoredVm | null>;
}

/**
 * Finds the VM a pushed line is about, by its id (or the cloud's id for it) or by its public IP,
 * from an in-memory copy of the VM table: a batch of thousands of lines costs one query at most.
 * A VM made since the copy was taken is looked up on its own.
 */
export class VmDirectory {
  private byId = new Map<string, MonitoredVm>();
  private byIp = new Map<string, MonitoredVm>();
  private readonly unknown = new Map<string, number>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly lookup: VmLookup,
    private readonly clock: Clock,
  ) {}

  private async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const vms = await this.lookup.list();
        const byId = new Map<string, MonitoredVm>();
        const byIp = new Map<string, MonitoredVm>();
        // Cloud ids first, so a Barista id always wins a (theoretical) clash.
        for (const v of vms) if (v.cloudId) byId.set(v.cloudId, v);
        for (const v of vms) {
          byId.set(v.id, v);
          if (v.publicIp) byIp.set(v.publicIp, v);
        }
        this.byId = byId;
        this.byIp = byIp;
        this.unknown.clear();
        this.loadedAt = this.clock.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Reloads when the copy is old; call once per request. */
  async fresh(): Promise<void> {
    if (this.clock.now() - this.loadedAt > MAX_AGE_MS) await this.reload();
  }

  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  /** The cached answer only: no await per line in a large batch (undefined: ask byVmId). */
  cachedId(id: string): MonitoredVm | undefined {
    return this.byId.get(id);
  }

  cachedIp(ip: string): MonitoredVm | undefined {
    return this.byIp.get(ip);
  }

  async byVmId(id: string): Promise<MonitoredVm | undefined> {
    return this.byId.get(id) ?? (await this.miss(`id:${id}`, () => this.lookup.find(id), (v) => this.byId.set(id, v)));
  }

  async byPublicIp(ip: string): Promise<MonitoredVm | undefined> {
    return this.byIp.get(ip) ?? (await this.miss(`ip:${ip}`, () => this.lookup.findByPublicIp(ip), (v) => this.byIp.set(ip, v)));
  }

  private async miss(key: string, find: () => Promise<MonitoredVm | null>, remember: (v: MonitoredVm) => void): Promise<MonitoredVm | undefined> {
    const now = this.clock.now();
    if ((this.unknown.get(key) ?? -Infinity) > now) return undefined;
    const vm = await find();
    if (vm) remember(vm);
    else this.unknown.set(key, now + NEGATIVE_MS);
    return vm ?? undefined;
  }
}

export function vmDirectoryOver(vms: MonitoredVmRepository, clock: Clock): VmDirectory {
  return new VmDirectory({ list: () => vms.list(), find: (id) => vms.findByAnyId(id), findByPublicIp: (ip) => vms.findByPublicIp(ip) }, clock);
}
