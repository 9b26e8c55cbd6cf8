import { BlockList, isIP } from "node:net";
import { z } from "zod";

/** Hosts and address ranges an alert webhook may reach although they are internal (BARISTA_WEBHOOK_ALLOW). */
export interface WebhookAllowList {
  /** Host names as written in a webhook URL, lower case, without a trailing dot. */
  hosts: ReadonlySet<string>;
  addresses: BlockList;
  /** The entries as given, for messages and the start-up log. */
  entries: readonly string[];
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A host name as a URL holds it: lower case, and `example.com.` is `example.com`. */
export function normalHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

function isHostName(entry: string): boolean {
  return entry.length <= 253 && entry.split(".").every((label) => LABEL.test(label)) && !/^[\d.]+$/.test(entry);
}

/** An IP address or a CIDR as [address, prefix, type]; null when the entry is neither. */
function asSubnet(entry: string): [string, number, "ipv4" | "ipv6"] | null {
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return [address, max, family === 4 ? "ipv4" : "ipv6"];
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return [address, Number(prefix), family === 4 ? "ipv4" : "ipv6"];
}

/**
 * BARISTA_WEBHOOK_ALLOW: comma-separated host names, IP addresses and CIDRs
 * (`127.0.0.1, hooks.internal, 10.20.0.0/16, fd00::/8`). Unset or empty allows nothing.
 */
export const webhookAllowSchema = z
  .string()
  .default("")
  .transform((text, ctx): WebhookAllowList => {
    const entries = text
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const hosts = new Set<string>();
    const addresses = new BlockList();
    for (const entry of entries) {
      const net = asSubnet(entry);
      if (net) addresses.addSubnet(...net);
      else if (isHostName(normalHost(entry))) hosts.add(normalHost(entry));
      else ctx.addIssue({ code: "custom", message: `"${entry}" is not a host name, an IP address or a CIDR (such as 127.0.0.1, hooks.internal, 10.0.0.0/8 or fd00::/8); separate entries with commas` });
    }
    return { hosts, addresses, entries };
  });

export const NOTHING_ALLOWED: WebhookAllowList = webhookAllowSchema.parse("");

/** Whether the allow list names this host (a URL's host name, or an IP address literal). */
export function allowsHost(allow: WebhookAllowList, host: string): boolean {
  return allow.hosts.has(normalHost(host));
}

export function allowsAddress(allow: WebhookAllowList, address: string): boolean {
  const bare = address.split("%")[0];
  const family = isIP(bare);
  return family !== 0 && allow.addresses.check(bare, family === 4 ? "ipv4" : "ipv6");
}
