import type { SshConnection } from "@/lib/remote/ssh-client";

/**
 * Kills a command's processes on each host it runs on, at most one kill at a time per host: a
 * kill covers every process of the command there, so a request made while one runs only asks
 * for one more after it (the command may have started on that host meanwhile).
 */
export class KillSwitch {
  private readonly hosts = new Map<string, { running: Promise<void>; again: boolean }>();

  constructor(private readonly killLine: string) {}

  /** Resolves when a kill that started after this call has ended (errors are ignored: the host may be gone). */
  kill(host: string, connection: () => Promise<SshConnection>): Promise<void> {
    const found = this.hosts.get(host);
    if (found) {
      found.again = true;
      return found.running;
    }
    const entry = { running: Promise.resolve(), again: false };
    const once = async (): Promise<void> => {
      try {
        const c = await connection();
        await c.exec(this.killLine, { timeoutMs: 15_000 });
      } catch {
        // An unreachable host has nothing left to kill that we could reach.
      }
      if (entry.again) {
        entry.again = false;
        return once();
      }
      this.hosts.delete(host);
    };
    entry.running = once();
    this.hosts.set(host, entry);
    return entry.running;
  }
}
