import { InvalidArgumentError } from "@/lib/core/errors";

export interface Cidr {
  base: number;
  prefix: number;
}

export function ipToInt(ip: string): number {
  const parts = ip.split(".").map(Number);
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: string): Cidr {
  const m = CIDR_RE.exec(text);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    throw new InvalidArgumentError(`"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16`);
  }
  const prefix = Number(m[5]);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = ipToInt(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`);
  if ((base & mask) >>> 0 !== base) throw new InvalidArgumentError(`"${text}" has host bits set; did you mean ${intToIp((base & mask) >>> 0)}/${prefix}?`);
  return { base, prefix };
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** The lowest free host address; the first four and the last are reserved, as on AWS and Azure. */
export function firstFreeHost(subnet: Cidr, used: Set<string>): string | null {
  const last = subnet.base + cidrSize(subnet) - 2;
  for (let n = subnet.base + 4; n <= last; n++) {
    const ip = intToIp(n);
    if (!used.has(ip)) return ip;
  }
  return null;
}

/**
 * Public addresses come from the documentation ranges (RFC 5737) and then the benchmarking range
 * (RFC 2544), so nothing the simulator hands out can ever be a real host on the internet.
 */
const PUBLIC_POOLS: Cidr[] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15"].map(parseCidr);
const POOL_HOSTS = PUBLIC_POOLS.map((p) => cidrSize(p) - 2);
export const PUBLIC_POOL_SIZE = POOL_HOSTS.reduce((a, b) => a + b, 0);

/** The i-th usable public address (skips each block's network and broadcast address). */
export function publicIpAt(index: number): string {
  let i = ((index % PUBLIC_POOL_SIZE) + PUBLIC_POOL_SIZE) % PUBLIC_POOL_SIZE;
  for (let p = 0; p < PUBLIC_POOLS.length; p++) {
    if (i < POOL_HOSTS[p]) return intToIp(PUBLIC_POOLS[p].base + 1 + i);
    i -= POOL_HOSTS[p];
  }
  throw new Error("unreachable");
}
