import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Server, utils, type AuthContext, type Connection, type ServerChannel, type Session } from "ssh2";
import { sshFingerprint } from "@/lib/remote/ssh-client";
import type { SimCloud } from "../cloud";
import type { VmData } from "../mappers";
import { SIM_SSH_LOGIN_PREFIX } from "../sim-driver";
import type { SimRecord } from "../store";
import { Interrupted, type Io } from "./host-context";
import { currentState, identityOf } from "./host-identity";
import { loadHostKey, type HostKeyStore } from "./host-key";
import { HostStates } from "./host-states";
import { SimShell } from "./shell";

export interface SimSshOptions {
  cloud: SimCloud;
  keys: HostKeyStore;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How often a connection with a command running checks that its VM still runs (default 3 s). */
  livenessMs?: number;
}

const LOGIN_PREFIX = SIM_SSH_LOGIN_PREFIX;

const NO_SHELL = "This simulated host runs commands only (ssh host 'command'); it has no interactive shell.\r\n";

/**
 * The simulator's SSH server: one port on 127.0.0.1 for every simulated VM, the VM chosen by the
 * login name. Public-key login only, with the key pair the VM was created with; a VM that does not
 * run is unreachable (the connection closes before login). Each VM answers as a minimal Ubuntu
 * host (see README.md beside this file).
 */
export class SimSshServer {
  private readonly states: HostStates;
  private readonly clients = new Set<Connection>();

  private constructor(
    private readonly server: Server,
    private readonly opts: SimSshOptions,
    readonly port: number,
    /** SHA256 fingerprint of the host key, as clients pin it. */
    readonly hostFingerprint: string,
  ) {
    this.states = new HostStates(opts.cloud.store);
  }

  static async start(opts: SimSshOptions): Promise<SimSshServer> {
    const hostKey = await loadHostKey(opts.keys);
    const fingerprint = sshFingerprint(hostKey.parsed.getPublicSSH());
    let self: SimSshServer | null = null;
    const server = new Server({ hostKeys: [hostKey.text], ident: "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5" }, (client) => self?.accept(client));
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", (e: NodeJS.ErrnoException) =>
        reject(new Error(e.code === "EADDRINUSE" ? `BARISTA_SIM_SSH_PORT: port ${opts.port} is in use; choose another port, or 0 for a free one` : `the simulator's SSH server cannot listen: ${e.message}`)),
      );
      server.listen(opts.port ?? 0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
    self = new SimSshServer(server, opts, port, fingerprint);
    return self;
  }

  /** Stops listening and drops every connection (their commands end as on a machine that went away). */
  async stop(): Promise<void> {
    for (const c of this.clients) c.end();
    this.clients.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Connection): void {
    this.clients.add(client);
    let vmId: string | null = null;
    client.on("close", () => this.clients.delete(client));
    // A client that resets the connection is not the server's problem.
    client.on("error", () => undefined);
    client.on("authentication", (ctx) => {
      this.authenticate(client, ctx).then(
        (id) => {
          if (id) vmId = id;
        },
        () => client.end(),
      );
    });
    client.on("ready", () => {
      client.on("session", (accept, reject) => {
        if (vmId) this.session(client, accept(), vmId);
        else reject();
      });
    });
  }

  private async vm(id: string): Promise<SimRecord | null> {
    const rec = await this.opts.cloud.store.get(id);
    if (!rec || rec.kind !== "vm") return null;
    const state = currentState(rec, this.opts.cloud.now());
    if (state === "terminated" || state === "failed") this.states.forget(id);
    return state === "running" ? rec : null;
  }

  /** Answers the VM id once the login succeeded, null while it goes on (or when refused). */
  private async authenticate(client: Connection, ctx: AuthContext): Promise<string | null> {
    if (!ctx.username.startsWith(LOGIN_PREFIX)) {
      ctx.reject(["publickey"]);
      return null;
    }
    const rec = await this.vm(ctx.username.slice(LOGIN_PREFIX.length));
    if (!rec) {
      // No such VM, or it does not run: an unreachable host. ssh2 sends no words with a disconnect,
      // so the client sees the connection closed before login.
      client.end();
      return null;
    }
    if (ctx.method !== "publickey") {
      ctx.reject(["publickey"]);
      return null;
    }
    const keyPair = await this.opts.cloud.store.get((rec.data as unknown as VmData).keyPairId);
    const line = keyPair?.kind === "keyPair" ? (keyPair.data as { publicKey?: string }).publicKey : undefined;
    const allowed = line ? utils.parseKey(line) : null;
    if (!allowed || allowed instanceof Error || !sameKey(ctx.key, allowed)) {
      ctx.reject(["publickey"]);
      return null;
    }
    if (!ctx.signature || !ctx.blob) {
      // The client asks whether this key would do before signing with it.
      ctx.accept();
      return null;
    }
    if (allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
      ctx.reject(["publickey"]);
      return null;
    }
    ctx.accept();
    return rec.id;
  }

  private session(client: Connection, session: Session, vmId: string): void {
    let running: AbortController | null = null;
    session.on("pty", (_accept, reject) => reject?.());
    session.on("env", (accept) => accept?.());
    session.on("subsystem", (_accept, reject) => reject());
    session.on("sftp", (_accept, reject) => reject());
    session.on("shell", (accept) => {
      const stream = accept();
      stream.stderr.write(NO_SHELL);
      stream.exit(1);
      stream.end();
    });
    session.on("signal", (accept, _reject, info) => {
      accept?.();
      running?.abort(new Interrupted(info.name.replace(/^SIG/, "")));
    });
    session.on("exec", (accept, _reject, info) => {
      const stream = accept();
      running = new AbortController();
      void this.exec(client, stream, vmId, info.command, running);
    });
  }

  private async exec(client: Connection, stream: ServerChannel, vmId: string, command: string, abort: AbortController): Promise<void> {
    let open = true;
    stream.on("close", () => {
      open = false;
      abort.abort(new Interrupted("HUP"));
    });
    const rec = await this.vm(vmId).catch(() => null);
    if (!rec) {
      // It stopped since the login: the machine is gone, and so is the connection.
      client.end();
      return;
    }
    const now = () => this.opts.cloud.now();
    const identity = identityOf(rec, now());
    const state = await this.states.load(vmId, identity.bootedAt).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (state instanceof Error) {
      if (open) {
        stream.stderr.write(`bash: the simulated host cannot read its disk: ${state.message}\n`);
        stream.exit(1);
        stream.end();
      }
      return;
    }
    const host = { identity, state, speed: this.opts.cloud.config.speed, now };
    const io: Io = {
      out: (text) => void (open && stream.write(text)),
      err: (text) => void (open && stream.stderr.write(text)),
      signal: abort.signal,
    };
    const watch = setInterval(() => {
      this.vm(vmId).then(
        (still) => {
          if (!still) client.end();
        },
        () => undefined,
      );
    }, this.opts.livenessMs ?? 3_000);
    watch.unref?.();
    let ended: number | Interrupted;
    try {
      ended = await new SimShell(host).run(command, io);
    } catch (e) {
      if (e instanceof Interrupted) ended = e;
      else {
        io.err(`bash: the simulated host failed: ${e instanceof Error ? e.message : String(e)}\n`);
        ended = 1;
      }
    } finally {
      clearInterval(watch);
    }
    // Written before the exit status goes out: the next command, on any server, finds what this one did.
    await this.states.save(vmId).catch((e: unknown) => console.error(`[barista] simulated VM ${vmId}: what the command changed on its disk could not be kept:`, e));
    if (open) {
      if (ended instanceof Interrupted) stream.exit(ended.signalName, false, "");
      else stream.exit(ended);
      stream.end();
    }
  }
}

function sameKey(offered: { algo: string; data: Buffer }, allowed: ReturnType<typeof utils.parseKey> & object): boolean {
  if (allowed instanceof Error) return false;
  const want = allowed.getPublicSSH();
  return offered.algo === allowed.type && offered.data.length === want.length && timingSafeEqual(offered.data, want);
}
