import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { InvalidArgumentError } from "@/lib/core/errors";
import { classifyAddress, describeAddressClass } from "./address-class";
import { allowsAddress, allowsHost, normalHost, NOTHING_ALLOWED, type WebhookAllowList } from "./webhook-allow";

/** Every address a host name resolves to; replaceable so tests can play a DNS server that changes its answer. */
export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

/** Where alert webhooks may go: nowhere internal but what the allow list names. */
export interface WebhookPolicy {
  allow: WebhookAllowList;
  /** Default: the system resolver (dns.lookup, as every other connection of the server). */
  resolve?: ResolveHost;
}

export const STRICT_POLICY: WebhookPolicy = { allow: NOTHING_ALLOWED };

export const systemResolve: ResolveHost = (host) => dns.lookup(host, { all: true });

/** Names that reach a cloud's metadata service from inside a VM, whatever the local DNS answers. */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data"]);

const UNLESS_ALLOWED = "webhooks are not sent to internal addresses unless BARISTA_WEBHOOK_ALLOW lists them";
// Never, even when an allowed range contains it: it hands out the server's own cloud credentials.
const NEVER = "webhooks are never sent to cloud metadata services";

const RESOLVE_TIMEOUT_MS = 5_000;

/** A webhook the policy forbids; at send time it is recorded, not retried. */
export class WebhookRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookRefusedError";
  }
}

/** The URL's host as a socket or resolver takes it: `[::1]` is `::1`. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Why a webhook may not go to this address (which `host` resolved to; null for a literal address), or null when it may. */
export function refuseAddress(allow: WebhookAllowList, host: string | null, address: string): string | null {
  const cls = classifyAddress(address);
  if (!cls) return null;
  if (cls !== "cloud metadata" && (allowsAddress(allow, address) || (host !== null && allowsHost(allow, host)))) return null;
  const said = host === null ? `${address} is ${describeAddressClass(cls)}` : `${host} resolves to ${address}, ${describeAddressClass(cls)}`;
  return `${said}; ${cls === "cloud metadata" ? NEVER : UNLESS_ALLOWED}`;
}

/** Why a webhook may not go to this URL, judging what needs no DNS (scheme, credentials, metadata names, a literal address); null when it may go on. */
export function refuseUrl(allow: WebhookAllowList, url: URL): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${url.protocol.slice(0, -1)} is not http or https`;
  // Credentials in a URL end up in logs and in the rule as every reader sees it.
  if (url.username || url.password) return "a webhook URL carries no user name or password (user:pass@); put a token in its path or query instead";
  const host = hostOf(url);
  if (METADATA_HOSTS.has(normalHost(host))) return `${host} is a cloud metadata host; ${NEVER}`;
  return isIP(host) ? refuseAddress(allow, null, host) : null;
}

function withinTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${ms / 1000} s`), { code: "ETIMEOUT" })), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Checks a webhook URL when a rule is created: a literal address by its class, a host name by
 * every address it resolves to now. Throws InvalidArgument on `webhookUrl` (a 400 naming the
 * field) with the reason. The same checks run again at every send (see vettedLookup), since what
 * a name resolves to can change after this.
 */
export async function vetWebhookUrl(text: string, policy: WebhookPolicy = STRICT_POLICY): Promise<void> {
  const refuse = (message: string) => new InvalidArgumentError(message, "webhookUrl");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("webhookUrl is an http or https URL");
  }
  const refused = refuseUrl(policy.allow, url);
  if (refused) throw refuse(refused);
  const host = hostOf(url);
  if (isIP(host)) return;
  let addresses: LookupAddress[];
  try {
    addresses = await withinTimeout((policy.resolve ?? systemResolve)(host), RESOLVE_TIMEOUT_MS, `resolving ${host}`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw refuse(`the host name ${host} does not resolve (${code}); check its spelling, or give the receiver's IP address`);
  }
  if (!addresses.length) throw refuse(`the host name ${host} does not resolve to any address; check its spelling, or give the receiver's IP address`);
  for (const { address } of addresses) {
    const why = refuseAddress(policy.allow, host, address);
    if (why) throw refuse(why);
  }
}

function familyOf(family: number | string | undefined): 4 | 6 | undefined {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return undefined;
}

/**
 * A `lookup` for node:http(s) that resolves the host, checks every address it answers, and
 * hands the socket only addresses it has checked: the address judged is the address connected
 * to, so a name whose DNS answer changes between the check and the connection (DNS rebinding)
 * gains nothing. Any internal answer refuses the whole name: a receiver that is partly internal
 * is internal.
 */
export function vettedLookup(policy: WebhookPolicy = STRICT_POLICY): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        for (const { address } of all) {
          const why = refuseAddress(policy.allow, hostname, address);
          if (why) return callback(new WebhookRefusedError(why), "", 0);
        }
        const family = familyOf(options.family);
        const usable = family ? all.filter((a) => a.family === family) : all;
        if (!usable.length) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), "", 0);
        if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (e: NodeJS.ErrnoException) => callback(e, "", 0),
    );
  };
}
