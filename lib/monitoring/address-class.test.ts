import { describe, expect, it } from "vitest";
import { classifyAddress, describeAddressClass, type AddressClass } from "./address-class";

const REFUSED: [string, AddressClass][] = [
  // IPv4
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "shared"],
  ["100.127.255.255", "shared"],
  ["169.254.1.1", "link-local"],
  ["169.254.169.254", "cloud metadata"],
  ["169.254.170.2", "cloud metadata"],
  ["100.100.100.200", "cloud metadata"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["255.255.255.255", "broadcast"],
  ["240.0.0.1", "reserved"],
  ["192.0.2.10", "reserved"],
  ["198.18.0.1", "reserved"],
  ["203.0.113.7", "reserved"],
  // IPv6
  ["::1", "loopback"],
  ["::", "unspecified"],
  ["fe80::1", "link-local"],
  ["febf:ffff::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["fd00:ec2::254", "cloud metadata"],
  ["ff02::1", "multicast"],
  ["2001:db8::1", "reserved"],
  ["2002:a00:1::1", "reserved"],
  ["2001:0:4136:e378::1", "reserved"],
  ["64:ff9b:1::a00:1", "reserved"],
  ["100::1", "reserved"],
  ["4000::1", "reserved"],
  // IPv4 inside IPv6: mapped, NAT64 and the deprecated IPv4-compatible form
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:a00:1", "private"],
  ["::ffff:169.254.169.254", "cloud metadata"],
  ["::ffff:0.0.0.0", "unspecified"],
  ["64:ff9b::127.0.0.1", "loopback"],
  ["64:ff9b::a00:1", "private"],
  ["64:ff9b::192.168.0.1", "private"],
  ["64:ff9b::a9fe:a9fe", "cloud metadata"],
  ["64:ff9b::100.64.0.1", "shared"],
  ["::127.0.0.1", "reserved"],
  ["::10.0.0.1", "reserved"],
  // Not addresses at all
  ["localhost", "reserved"],
  ["", "reserved"],
];

const PUBLIC = [
  "8.8.8.8",
  "1.1.1.1",
  "9.255.255.255",
  "11.0.0.0",
  "172.15.255.255",
  "172.32.0.0",
  "192.167.255.255",
  "192.169.0.0",
  "100.63.255.255",
  "100.128.0.0",
  "169.253.255.255",
  "169.255.0.0",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2001:4860:4860::8888",
  "2a00:1450:4001::1",
  "::ffff:8.8.8.8",
  "64:ff9b::8.8.8.8",
];

describe("classifying a webhook's address", () => {
  it.each(REFUSED)("%s is %s", (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it.each(PUBLIC)("%s is on the public internet", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it("reads each class as words", () => {
    expect(`127.0.0.1 is ${describeAddressClass("loopback")}`).toBe("127.0.0.1 is a loopback address");
    expect(describeAddressClass("unspecified")).toBe("an unspecified address");
    expect(describeAddressClass("cloud metadata")).toBe("a cloud metadata address");
  });
});
