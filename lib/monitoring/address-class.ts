import { BlockList, isIP } from "node:net";

/** The kinds of address an alert webhook is never sent to (unless the allow list names it). */
export type AddressClass =
  | "cloud metadata"
  | "loopback"
  | "unspecified"
  | "private"
  | "shared"
  | "link-local"
  | "unique-local"
  | "multicast"
  | "broadcast"
  | "reserved";

/** How each class reads in a sentence: "10.0.0.1 is a private address". */
const WORDS: Record<AddressClass, string> = {
  "cloud metadata": "a cloud metadata address",
  loopback: "a loopback address",
  unspecified: "an unspecified address",
  private: "a private address",
  shared: "a shared (carrier-grade NAT) address",
  "link-local": "a link-local address",
  "unique-local": "a unique-local address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
};

interface ClassRanges {
  v4?: string[];
  v6?: string[];
}

/**
 * The ranges of each class, first match wins: metadata addresses sit inside link-local, shared and
 * unique-local ranges and must be named for what they are. IPv4 ranges are also entered in their
 * NAT64 form (64:ff9b::/96, RFC 6052), since a NAT64 gateway turns 64:ff9b::a00:1 into 10.0.0.1;
 * BlockList already matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against IPv4 ranges by itself.
 */
const RANGES: [AddressClass, ClassRanges][] = [
  [
    "cloud metadata",
    {
      // AWS, GCP, Azure, OpenStack …; AWS ECS task metadata; Alibaba; Oracle's older endpoint; Azure's WireServer.
      v4: ["169.254.169.254/32", "169.254.170.2/32", "100.100.100.200/32", "192.0.0.192/32", "168.63.129.16/32"],
      v6: ["fd00:ec2::254/128"],
    },
  ],
  ["loopback", { v4: ["127.0.0.0/8"], v6: ["::1/128"] }],
  ["unspecified", { v4: ["0.0.0.0/8"], v6: ["::/128"] }],
  ["private", { v4: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] }],
  ["shared", { v4: ["100.64.0.0/10"] }],
  ["link-local", { v4: ["169.254.0.0/16"], v6: ["fe80::/10"] }],
  ["unique-local", { v6: ["fc00::/7"] }],
  ["multicast", { v4: ["224.0.0.0/4"], v6: ["ff00::/8"] }],
  ["broadcast", { v4: ["255.255.255.255/32"] }],
  [
    "reserved",
    {
      // IETF protocol assignments, documentation, 6to4 relays, benchmarking, the future-use block.
      v4: ["192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4"],
      // IPv4-compatible (deprecated, ::a.b.c.d), discard-only, local-use NAT64, IETF protocol
      // assignments (Teredo among them), documentation, 6to4 (an IPv4 address tunnelled in IPv6).
      v6: ["::/96", "100::/64", "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20"],
    },
  ],
];

function subnet(cidr: string): [string, number] {
  const [address, prefix] = cidr.split("/");
  return [address, Number(prefix)];
}

const LISTS: [AddressClass, BlockList][] = RANGES.map(([cls, { v4 = [], v6 = [] }]) => {
  const list = new BlockList();
  for (const cidr of v4) {
    const [address, prefix] = subnet(cidr);
    list.addSubnet(address, prefix, "ipv4");
    list.addSubnet(`64:ff9b::${address}`, 96 + prefix, "ipv6");
  }
  for (const cidr of v6) list.addSubnet(...subnet(cidr), "ipv6");
  return [cls, list];
});

/**
 * IPv6 addresses that can be routed on the internet: global unicast (2000::/3), and the IPv4-mapped
 * and NAT64 forms, whose IPv4 part the ranges above have already judged.
 */
const ROUTABLE_V6 = new BlockList();
ROUTABLE_V6.addSubnet("2000::", 3, "ipv6");
ROUTABLE_V6.addSubnet("::ffff:0:0", 96, "ipv6");
ROUTABLE_V6.addSubnet("64:ff9b::", 96, "ipv6");

/** The class of an IP address, or null for an address on the public internet. Not an IP address at all counts as reserved. */
export function classifyAddress(address: string): AddressClass | null {
  // A zone (fe80::1%eth0) names an interface, not a different address.
  const bare = address.split("%")[0];
  const family = isIP(bare);
  if (family === 0) return "reserved";
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [cls, list] of LISTS) if (list.check(bare, type)) return cls;
  if (type === "ipv6" && !ROUTABLE_V6.check(bare, "ipv6")) return "reserved";
  return null;
}

/** "a loopback address", to follow an address in a sentence. */
export function describeAddressClass(cls: AddressClass): string {
  return WORDS[cls];
}
