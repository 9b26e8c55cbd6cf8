import type { MciEvent, PrismaClient } from "./generated/prisma/client";
import type { HostPlaces, MciHead, MciRepository, VmRow } from "./mci";

/** Everything a watch shows of an MCI, read whole: when a watch starts, and whenever its VM set moved. */
export interface MciFullRead {
  head: MciHead;
  /** Every VM of the MCI, in the order the MCI's view lists them. */
  vms: VmRow[];
  hostPlaces: HostPlaces | undefined;
  /** The newest event's id (0 when none): later events are what the watch sends. */
  lastEventId: number;
}

/** One tick's reads: the MCI's row and subgroups, VMs written since a time, their count, new events. */
export interface MciChangeRead {
  head: MciHead;
  changedVms: VmRow[];
  vmCount: number;
  events: MciEvent[];
  /** Read only when asked (the MCI has connections that are registered hosts), else undefined. */
  hostPlaces: HostPlaces | undefined;
}

/** Which events a watch has: none up to `floor` (they came before it started) are sent; it has seen every id up to `after`, and perhaps some later ones. */
export interface EventCursor {
  floor: number;
  after: number;
}

/** How far below the newest id read an event may still commit late: more than writers at once (the reconciler's 48 steps per server). */
const LATE_ID_SPAN = 500;

/** At most this many events per tick; a busier MCI's older ones stay for the events endpoint. */
const EVENTS_PER_READ = 200;

/**
 * The reads of an MCI watch. Changes are found by `Vm.updatedAt` (every write of a VM row sets
 * it: Prisma does so for its model API, and the raw multi-row INSERT of new VMs writes it), the
 * VM count (a delete or a late insert moves it), the MCI's own row and subgroups (a handful of
 * rows, read every time) and event ids.
 */
export class MciWatchReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly repo: MciRepository,
  ) {}

  async readFull(mciId: string): Promise<MciFullRead | null> {
    const mci = await this.repo.findMci(mciId);
    if (!mci) return null;
    const { vms, ...head } = mci;
    const [hostPlaces, last] = await Promise.all([
      this.repo.hostPlaces(head.subGroups.map((s) => s.connection)),
      this.prisma.mciEvent.findFirst({ where: { mciId }, orderBy: { id: "desc" }, select: { id: true } }),
    ]);
    return { head, vms, hostPlaces, lastEventId: last?.id ?? 0 };
  }

  /** The ids of the MCI's VMs: which of those a watch holds are gone. */
  async readVmIds(mciId: string): Promise<string[]> {
    return (await this.prisma.vm.findMany({ where: { mciId }, select: { id: true } })).map((v) => v.id);
  }

  /**
   * What changed since `since`. The VMs are read before the head, so a subgroup that new VMs
   * belong to is never missing from the head that comes with them.
   */
  async readChanges(mciId: string, since: Date, events: EventCursor, hostConnections: string[] | null): Promise<MciChangeRead | null> {
    const changedVms = await this.prisma.vm.findMany({ where: { mciId, updatedAt: { gte: since } } });
    const vmCount = await this.prisma.vm.count({ where: { mciId } });
    // An event's id is drawn when it is written and becomes visible when it commits: on PostgreSQL
    // a smaller id may commit after a larger one was read. The ids just below `after` written since
    // `since` are read again, as VMs are; the caller drops the ones it sent.
    const late = await this.prisma.mciEvent.findMany({
      where: { mciId, id: { gt: Math.max(events.floor, events.after - LATE_ID_SPAN), lte: events.after }, at: { gte: since } },
      orderBy: { id: "asc" },
    });
    const fresh = await this.prisma.mciEvent.findMany({ where: { mciId, id: { gt: events.after } }, orderBy: { id: "asc" }, take: EVENTS_PER_READ });
    const newEvents = [...late, ...fresh];
    const head = await this.repo.findMciHead(mciId);
    if (!head) return null;
    const hostPlaces = hostConnections ? await this.repo.hostPlaces(hostConnections) : undefined;
    return { head, changedVms, vmCount, events: newEvents, hostPlaces };
  }
}
