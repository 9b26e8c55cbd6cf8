import { createHash } from "node:crypto";
import { Client, type ClientChannel } from "ssh2";
import { AuthFailedError, CloudError, UnavailableError } from "@/lib/core/errors";

/** A VM or host to log in to, with the private key to log in with (OpenSSH or PEM text). */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
}

/**
 * Trust on first use: the first key a host offers is pinned, a different one later is refused.
 * `check` answers null when the key is accepted (pinning it if new) or the refusal's reason.
 */
export interface HostKeyPins {
  check(hostId: string, fingerprint: string): Promise<string | null>;
}

export interface ExecOptions {
  onStdout?(chunk: Buffer): void;
  onStderr?(chunk: Buffer): void;
  /** Ends the command (signal KILL, then the channel is closed) after this long. */
  timeoutMs?: number;
  /** Aborting ends the command the same way as a timeout. */
  signal?: AbortSignal;
}

export interface ExecResult {
  /** The command's exit status; null when it ended by a signal or the connection was lost. */
  exitCode: number | null;
  exitSignal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the connection broke before the command ended: the host became unreachable. */
  lostConnection: boolean;
}

/** `host:port`, the key a host's pinned key is stored under. */
export function hostId(target: Pick<SshTarget, "host" | "port">): string {
  return target.host.includes(":") ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

/** SHA256 fingerprint as `ssh-keygen -l` prints it. */
export function sshFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(publicKeyBlob).digest("base64").replace(/=+$/, "")}`;
}

export class HostKeyChangedError extends CloudError {
  constructor(message: string) {
    super("AuthFailed", message, { retryable: false });
  }
}

/** One open SSH connection: commands run on channels of it, several at once. */
export class SshConnection {
  private closedReason: Error | null = null;
  private readonly closeListeners = new Set<(reason: Error) => void>();

  constructor(
    readonly target: Pick<SshTarget, "host" | "port" | "username">,
    private readonly client: Client,
  ) {
    const onGone = (e?: Error) => {
      if (this.closedReason) return;
      this.closedReason = e ?? new UnavailableError(`the SSH connection to ${hostId(target)} closed`);
      for (const listener of this.closeListeners) listener(this.closedReason);
    };
    client.on("close", () => onGone());
    client.on("end", () => onGone());
    client.on("error", (e) => onGone(new UnavailableError(`the SSH connection to ${hostId(target)} broke: ${e.message}`)));
  }

  get open(): boolean {
    return this.closedReason === null;
  }

  /** Calls back once when the connection is gone, with why; returns the unsubscribe. */
  onClose(listener: (reason: Error) => void): () => void {
    if (this.closedReason) {
      listener(this.closedReason);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Runs one command on a channel of its own and resolves when it ended, however it ended. */
  exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, channel) => {
        if (err) return reject(new UnavailableError(`${hostId(this.target)} refused a command channel: ${err.message}`));
        runOnChannel(channel, opts, (lostConnection) => this.onClose(() => lostConnection())).then(resolve, reject);
      });
    });
  }

  close(): void {
    this.client.end();
  }
}

function runOnChannel(channel: ClientChannel, opts: ExecOptions, watchConnection: (lost: () => void) => () => void): Promise<ExecResult> {
  return new Promise((resolve) => {
    const result: ExecResult = { exitCode: null, exitSignal: null, timedOut: false, cancelled: false, lostConnection: false };
    let done = false;
    const stop = (why: "timedOut" | "cancelled") => {
      if (done || result.timedOut || result.cancelled) return;
      result[why] = true;
      // Servers that honour the signal request end the command now. OpenSSH refuses it (with
      // privilege separation) and keeps a command without a terminal running after its channel
      // closes, so callers that must be sure it ends run it under a remote `timeout` and kill its
      // process group (see lib/remote/remote-shell.ts); here the wait ends after a short grace.
      channel.signal("KILL");
      channel.close();
      setTimeout(finish, STOP_GRACE_MS).unref?.();
    };
    const timer = opts.timeoutMs !== undefined ? setTimeout(() => stop("timedOut"), opts.timeoutMs) : null;
    const onAbort = () => stop("cancelled");
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const unwatch = watchConnection(() => {
      result.lostConnection = true;
      finish();
    });
    function finish() {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      unwatch();
      resolve(result);
    }
    channel.on("data", (chunk: Buffer) => opts.onStdout?.(chunk));
    channel.stderr.on("data", (chunk: Buffer) => opts.onStderr?.(chunk));
    channel.on("exit", (code: number | null, signalName?: string) => {
      if (typeof code === "number") result.exitCode = code;
      else if (signalName) result.exitSignal = signalName;
    });
    channel.on("close", finish);
  });
}

/** How long a stopped command's channel may take to close before the wait ends without it. */
export const STOP_GRACE_MS = 2_000;

export interface OpenSshOptions {
  pins: HostKeyPins;
  /** How long connecting and logging in may take (default 10 s). */
  readyTimeoutMs?: number;
  /** Keepalive probes detect a dead host within about three of these (default 5 s). */
  keepaliveMs?: number;
}

/**
 * Connects and logs in with the target's key. Errors are typed: a refused or silent host is
 * Unavailable (retryable), a refused key or a changed host key is AuthFailed.
 */
export function openSsh(target: SshTarget, opts: OpenSshOptions): Promise<SshConnection> {
  const id = hostId(target);
  return new Promise((resolve, reject) => {
    const client = new Client();
    let refusal: string | null = null;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(e);
    };
    client.once("ready", () => {
      settled = true;
      resolve(new SshConnection(target, client));
    });
    // `on`, not `once`: ssh2 may emit a second error for the same attempt (after a login timeout,
    // closing the socket reports "Connection lost before handshake"), and an error event with no
    // listener left would throw out of the process. Only the first one settles the attempt.
    client.on("error", (e: Error & { level?: string; code?: string }) => {
      if (settled) return;
      if (refusal) return fail(new HostKeyChangedError(refusal));
      if (e.level === "client-authentication") return fail(new AuthFailedError(`${target.username}@${id} refused the key (check the user name and that its public key is in ~${target.username}/.ssh/authorized_keys)`));
      if (e.level === "client-timeout") return fail(new UnavailableError(`${id} did not answer within ${Math.round((opts.readyTimeoutMs ?? 10_000) / 1000)} s`));
      return fail(new UnavailableError(`could not connect to ${id}: ${e.code ?? e.message}`));
    });
    client.once("close", () => fail(new UnavailableError(`${id} closed the connection before login${refusal ? `: ${refusal}` : ""}`)));
    try {
      client.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        readyTimeout: opts.readyTimeoutMs ?? 10_000,
        keepaliveInterval: opts.keepaliveMs ?? 5_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          opts.pins.check(id, sshFingerprint(key)).then(
            (reason) => {
              refusal = reason;
              verify(reason === null);
            },
            (e: unknown) => {
              refusal = `the host key of ${id} could not be checked: ${e instanceof Error ? e.message : String(e)}`;
              verify(false);
            },
          );
        },
      });
    } catch (e) {
      // ssh2 throws synchronously on a key it cannot parse.
      fail(new AuthFailedError(`the private key for ${target.username}@${id} could not be read: ${e instanceof Error ? e.message : String(e)}`));
    }
  });
}
