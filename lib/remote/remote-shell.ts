/**
 * How a remote command is sent so that it really ends on the host. OpenSSH ignores the channel's
 * signal request and leaves a command without a terminal running after its channel closes, so
 * the end is made on the host itself: the command runs under `timeout` (which kills its whole
 * process group when the time is up), and a cancel kills that process group from another channel.
 */

/** `s` as one single-quoted word of a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The name the command's processes carry on the host ($0 of its shell), to find them again. */
export function processTag(commandId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(commandId)) throw new Error(`a command id is letters, digits and dashes: ${JSON.stringify(commandId)}`);
  return `barista-${commandId}`;
}

/**
 * The exact line sent for a command: `timeout` puts itself at the head of a new process group,
 * so both its KILL at the deadline and a cancel's group kill reach everything the command started.
 */
export function wrapCommand(commandId: string, command: string, timeoutSeconds: number): string {
  return `exec timeout -s KILL ${timeoutSeconds} sh -c ${shellQuote(command)} ${processTag(commandId)}`;
}

/**
 * Kills, on the host, every process group led by a process of this command. The pattern is
 * written `[b]arista-…` so it does not match the kill's own shell, whose command line holds it.
 * Run on another channel of the same connection; its exit status tells nothing useful.
 */
export function killCommand(commandId: string): string {
  const tag = processTag(commandId);
  const pattern = `[${tag[0]}]${tag.slice(1)}$`;
  return `g=$(pgrep -d, -f '${pattern}'); if [ -n "$g" ]; then pkill -KILL -g "$g"; fi; true`;
}
