import type { IsolationLevel, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/** First come, first served: each turn starts when the one before it ended. */
class Turns {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for this caller's turn; answers the function that ends it. */
  take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => release);
  }
}

function inTurn(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const turns = new Turns();
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await turns.take();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q: SqlQuery) => alone(() => adapter.queryRaw(q)),
    executeRaw: (q: SqlQuery) => alone(() => adapter.executeRaw(q)),
    executeScript: (script: string) => alone(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(level?: IsolationLevel): Promise<Transaction> {
      const release = await turns.take();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(level);
      } catch (e) {
        release();
        throw e;
      }
      // The transaction's own statements go through it, not through the turns: only its end frees the connection.
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q: SqlQuery) => tx.queryRaw(q),
        executeRaw: (q: SqlQuery) => tx.executeRaw(q),
        commit: () => tx.commit().finally(release),
        rollback: () => tx.rollback().finally(release),
        createSavepoint: tx.createSavepoint?.bind(tx),
        rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
        releaseSavepoint: tx.releaseSavepoint?.bind(tx),
      };
    },
  };
}

/**
 * better-sqlite3 is one connection. Prisma's adapter lets transactions take turns on it, but a
 * statement outside them runs whenever it comes, so it runs inside whatever transaction is open:
 * that transaction's rollback takes it along (a VM's new status, a metric batch, lost without a
 * word). Here every statement outside a transaction takes its turn too, after the open one ends,
 * first come first served so neither starves the other. Statements run synchronously either way:
 * the turns cost a few promise hops, not parallelism.
 */
export function sqliteInTurns(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => inTurn(await factory.connect()),
    connectToShadowDb: async () => inTurn(await factory.connectToShadowDb()),
  };
}
