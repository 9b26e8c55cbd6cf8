const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Group commit: writes that arrive while one is being committed wait and go together in the next
 * transaction. SQLite's cost is per transaction far more than per row (each commit rewrites
 * every index page it touched), and a thousand agents each posting a few lines every 10 s would
 * otherwise pay a commit per request. Each caller's promise settles with its own batch.
 */
export class GroupCommit<T> {
  private queue: { item: T; size: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private draining = false;

  /**
   * `isolate`: when a batch of several fails, commit each of its items alone, so one bad write
   * fails only its own caller and the others land (a busy database fails them all again, each
   * caller then sees its own error and retries).
   */
  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxBatch: number,
    private readonly options: { isolate?: boolean } = {},
  ) {}

  add(item: T, size: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, size, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length) {
        // Let the requests already in flight reach the queue before committing.
        await nextTurn();
        let size = 0;
        let n = 0;
        while (n < this.queue.length && (n === 0 || size + this.queue[n].size <= this.maxBatch)) size += this.queue[n++].size;
        const batch = this.queue.splice(0, n);
        try {
          await this.commit(batch.map((b) => b.item));
          batch.forEach((b) => b.resolve());
        } catch (e) {
          if (!this.options.isolate || batch.length === 1) batch.forEach((b) => b.reject(e));
          else for (const b of batch) await this.commit([b.item]).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
