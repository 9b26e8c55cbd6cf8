import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

export interface OwnServer {
  url: string;
  /** kill -9: no shutdown hook runs, as in a crash. */
  crash(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

/**
 * A console of its own (beside the shared one Playwright starts), on the build that one made, for
 * tests that must crash and restart a server or run it with other simulator settings.
 */
export async function startOwnServer(port: number, env: Record<string, string>): Promise<OwnServer> {
  mkdirSync(path.resolve("data/e2e"), { recursive: true });
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server did not answer within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The whole process group: next start runs the server in the same group.
    process.kill(-child.pid!, signal);
    await exited;
  };
  return { url, crash: () => kill("SIGKILL"), stop: () => kill("SIGTERM"), log: () => out };
}
