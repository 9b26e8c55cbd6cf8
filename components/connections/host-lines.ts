/** One line of the hosts box: `address[:port] [name]`, an IPv6 address in brackets when it has a port. */
export interface HostLine {
  address: string;
  port?: number;
  name?: string;
}

/**
 * The hosts box's lines as the API's hosts list. Blank lines and `#` comments are skipped; what
 * cannot be read is passed on as typed, so the server's validation names the line to fix.
 */
export function parseHostLines(text: string): HostLine[] {
  const out: HostLine[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [target, ...rest] = line.split(/\s+/);
    const name = rest.join(" ") || undefined;
    const m = /^\[([^\]]+)\](?::(.*))?$/.exec(target) ?? /^([^:]+):([^:]*)$/.exec(target);
    const address = m ? m[1] : target;
    const port = m?.[2] !== undefined && m[2] !== "" ? Number(m[2]) : undefined;
    out.push({ address, ...(port !== undefined ? { port } : {}), ...(name ? { name } : {}) });
  }
  return out;
}
