import { diffMciViews } from "@/lib/core/mci-delta";
import type { HostPlaces, MciHead, VmRow } from "@/lib/store/mci";
import type { EventCursor, MciChangeRead, MciFullRead } from "@/lib/store/mci-watch";
import type { MciView, VmView } from "@/lib/validation/mci";
import { assembleMciView, subGroupNames, toVmView } from "../view";
import { encodeText, sseText } from "./sse";

/** The reads a poller makes (MciWatchReader over the database; counted or faked in tests). */
export interface WatchSource {
  readFull(mciId: string): Promise<MciFullRead | null>;
  readChanges(mciId: string, since: Date, events: EventCursor, hostConnections: string[] | null): Promise<MciChangeRead | null>;
  readVmIds(mciId: string): Promise<string[]>;
}

export interface PollerOptions {
  now: () => number;
  /**
   * How far before its last read a poller looks again for written VMs. A row's updatedAt is the
   * writer's clock when it wrote, and it becomes visible only when its transaction commits: a
   * write that committed this long after its timestamp, or a server clock this far behind, would
   * otherwise be missed. Rows read again unchanged cost a comparison, not an event.
   */
  graceMs: number;
  /** Every this often the poller reads the whole MCI instead of its changes: a safety net, never the path a change needs. */
  resyncMs: number;
}

/** A message for the watchers: the SSE bytes (encoded once for all of them), and whether the stream ends after it. */
export interface WatchChunk {
  bytes: Uint8Array;
  end: boolean;
}

type EventRow = MciChangeRead["events"][number];

/** Whether a row read again is the one already held: field by field, as two writes may share a millisecond. */
function sameRow(a: VmRow, b: VmRow): boolean {
  for (const key of Object.keys(b) as (keyof VmRow)[]) {
    const x = a[key];
    const y = b[key];
    if (x instanceof Date && y instanceof Date ? x.getTime() !== y.getTime() : x !== y) return false;
  }
  return true;
}

/**
 * The state of one watched MCI in this process: its last view, the VM rows behind it, and the
 * view of each VM. Each tick reads what changed in the database (not what this process wrote:
 * another server's reconciler writes too), works out the delta once, and hands the same bytes
 * to every watcher.
 */
export class MciPoller {
  private head!: MciHead;
  private rows = new Map<string, VmRow>();
  private vmViews = new Map<string, VmView>();
  private hostPlaces: HostPlaces | undefined;
  private view!: MciView;
  /** Events up to this id came before the poller started: never sent. */
  private eventFloor = 0;
  private lastEventId = 0;
  /** Events sent that a read may return again (written within the grace), by id: when each was written. */
  private recentEvents = new Map<number, number>();
  private lastReadAt = 0;
  private lastFullAt = 0;
  private seq = 0;
  private snapshotBytes: { seq: number; bytes: Uint8Array } | null = null;
  private ended = false;

  constructor(
    private readonly source: WatchSource,
    readonly mciId: string,
    private readonly opts: PollerOptions,
  ) {}

  /** Reads the MCI whole; false when it does not exist. */
  async start(): Promise<boolean> {
    const startedAt = this.opts.now();
    const full = await this.source.readFull(this.mciId);
    if (!full) return false;
    this.takeFull(full, startedAt);
    this.view = this.assemble();
    return true;
  }

  get namespace(): string {
    return this.head.namespace;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The current view as a `snapshot` event, serialized once per version however many watchers join. */
  snapshot(): Uint8Array {
    if (this.snapshotBytes?.seq !== this.seq) this.snapshotBytes = { seq: this.seq, bytes: encodeText(sseText(this.seq, "snapshot", this.view)) };
    return this.snapshotBytes.bytes;
  }

  /** One read of the database; answers what to send every watcher (null when nothing changed). */
  async tick(): Promise<WatchChunk | null> {
    if (this.ended) return null;
    const startedAt = this.opts.now();
    const dueFull = startedAt - this.lastFullAt >= this.opts.resyncMs;
    let events: EventRow[] = [];
    let rebuildAll = false;
    const dirty = new Set<string>();
    if (dueFull) {
      const full = await this.source.readFull(this.mciId);
      if (!full) return this.end();
      rebuildAll = this.takeFull(full, startedAt, dirty, this.lastEventId);
    } else {
      const since = new Date(this.lastReadAt - this.opts.graceMs);
      const hostConnections = this.hostPlaces ? this.head.subGroups.map((s) => s.connection) : null;
      const read = await this.source.readChanges(this.mciId, since, { floor: this.eventFloor, after: this.lastEventId }, hostConnections);
      if (!read) return this.end();
      for (const [id, at] of this.recentEvents) if (at < since.getTime()) this.recentEvents.delete(id);
      events = read.events.filter((e) => !this.recentEvents.has(e.id));
      let unknown = false;
      let removed = false;
      for (const row of read.changedVms) {
        const old = this.rows.get(row.id);
        if (!old) unknown = true;
        else if (!sameRow(old, row)) {
          this.rows.set(row.id, row);
          dirty.add(row.id);
        }
      }
      if (!unknown && this.rows.size > read.vmCount) {
        // VMs went (and none came that this read saw): their ids say which, without reading rows again.
        const ids = new Set(await this.source.readVmIds(this.mciId));
        for (const id of this.rows.keys()) if (!ids.has(id)) (this.rows.delete(id), (removed = true));
        unknown = this.rows.size !== ids.size;
      }
      if (unknown || this.rows.size !== read.vmCount) {
        // VMs came: read the set whole, in the order the view lists it.
        const full = await this.source.readFull(this.mciId);
        if (!full) return this.end();
        rebuildAll = this.takeFull(full, startedAt, dirty, this.lastEventId);
      } else {
        const head = this.takeHead(read.head, hostConnections ? read.hostPlaces : this.hostPlaces);
        this.lastReadAt = startedAt;
        rebuildAll = head.rebuild;
        // Nothing the view is made of moved: the view stays as it is, without remaking it.
        if (!head.changed && !dirty.size && !removed) return this.publish(null, events, false);
      }
    }
    return this.publish(rebuildAll ? null : dirty, events, true);
  }

  /**
   * Takes a whole read: rows that differ from those held go into `dirty`; answers whether every
   * VM view must be made again (the subgroups' names or the hosts changed). Events already sent stay sent.
   */
  private takeFull(full: MciFullRead, startedAt: number, dirty?: Set<string>, keepEventId?: number): boolean {
    const rebuild = !dirty || this.takeHead(full.head, full.hostPlaces).rebuild;
    this.head = full.head;
    this.hostPlaces = full.hostPlaces;
    if (dirty) for (const row of full.vms) if (!this.rows.has(row.id) || !sameRow(this.rows.get(row.id)!, row)) dirty.add(row.id);
    this.rows = new Map(full.vms.map((v) => [v.id, v]));
    if (keepEventId === undefined) this.eventFloor = full.lastEventId;
    this.lastEventId = keepEventId ?? full.lastEventId;
    this.lastReadAt = startedAt;
    this.lastFullAt = startedAt;
    return rebuild;
  }

  /**
   * Takes the MCI's row and subgroups: answers whether they (or the hosts) changed at all, and
   * whether every VM view must be made again (the subgroups' names or the hosts changed).
   */
  private takeHead(head: MciHead, hostPlaces: HostPlaces | undefined): { changed: boolean; rebuild: boolean } {
    const names = (h: MciHead) => JSON.stringify(h.subGroups.map((s) => [s.id, s.name]));
    const rebuild = names(head) !== names(this.head) || JSON.stringify(hostPlaces) !== JSON.stringify(this.hostPlaces);
    const changed = rebuild || JSON.stringify(head) !== JSON.stringify(this.head);
    this.head = head;
    this.hostPlaces = hostPlaces;
    return { changed, rebuild };
  }

  /** The view from the rows, remaking the views of `dirty` VMs only (all of them when null). */
  private assemble(dirty: Set<string> | null = null): MciView {
    const sgName = subGroupNames(this.head);
    const rows = [...this.rows.values()];
    const views = rows.map((row) => {
      const kept = dirty && !dirty.has(row.id) ? this.vmViews.get(row.id) : undefined;
      return kept ?? toVmView(row, sgName.get(row.subGroupId) ?? "", this.hostPlaces);
    });
    this.vmViews = new Map(views.map((v) => [v.id, v]));
    return assembleMciView({ ...this.head, vms: rows, hostPlaces: this.hostPlaces }, views);
  }

  private publish(dirty: Set<string> | null, events: EventRow[], viewMoved: boolean): WatchChunk | null {
    for (const e of events) {
      this.recentEvents.set(e.id, e.at.getTime());
      this.lastEventId = Math.max(this.lastEventId, e.id);
    }
    let delta: ReturnType<typeof diffMciViews<MciView>> = null;
    if (viewMoved) {
      const next = this.assemble(dirty);
      delta = diffMciViews(this.view, next);
      this.view = next;
    }
    let text = "";
    if (delta?.mci) text += sseText(++this.seq, "mci", delta.mci);
    if (delta?.removed) text += sseText(++this.seq, "removed", delta.removed);
    if (delta?.vms) text += sseText(++this.seq, "vms", delta.vms);
    if (events.length) text += sseText(++this.seq, "events", events.map((e) => ({ id: e.id, at: e.at.toISOString(), level: e.level, message: e.message, vmId: e.vmId })));
    return text ? { bytes: encodeText(text), end: false } : null;
  }

  private end(): WatchChunk {
    this.ended = true;
    return { bytes: encodeText(sseText(++this.seq, "end", { reason: "deleted", message: `MCI "${this.mciId}" was deleted` })), end: true };
  }
}
