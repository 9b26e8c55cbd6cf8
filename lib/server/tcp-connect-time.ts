import { connect } from "node:net";

/** One TCP connect, in milliseconds, or null when the host does not accept within the timeout. */
export function tcpConnectMs(host: string, port: number, timeoutMs = 2_000): Promise<number | null> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = connect({ host, port });
    const done = (ms: number | null) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ms);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once("error", () => done(null));
    socket.once("connect", () => done(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

/**
 * The median of several connects one after another: a TCP handshake is one round trip, so this is
 * the RTT from this server to the host, less sensitive to one slow try than a mean. Null when
 * fewer than half of the tries connected.
 */
export async function medianConnectMs(host: string, port: number, tries = 5, timeoutMs = 2_000): Promise<number | null> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    const ms = await tcpConnectMs(host, port, timeoutMs);
    if (ms !== null) times.push(ms);
  }
  if (times.length * 2 < tries) return null;
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}
