import { describe, expect, it } from "vitest";
import { parseFacts } from "./host-facts";
import { isWholeDisk, metricsBetween, parseProc } from "./proc-metrics";

const read = (cpu: string, rx: number, tx: number, sdaRead: number, sdaWritten: number) =>
  [
    "@@stat",
    `cpu  ${cpu}`,
    "@@meminfo",
    "MemTotal:        8000000 kB",
    "MemFree:         1000000 kB",
    "MemAvailable:    6000000 kB",
    "@@net",
    "Inter-|   Receive                                                |  Transmit",
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
    `    lo: 999999 10 0 0 0 0 0 0 999999 10 0 0 0 0 0 0`,
    `  eth0: ${rx} 10 0 0 0 0 0 0 ${tx} 10 0 0 0 0 0 0`,
    "@@disk",
    `   8       0 sda 100 0 ${sdaRead} 0 50 0 ${sdaWritten} 0 0 0 0`,
    `   8       1 sda1 100 0 ${sdaRead} 0 50 0 ${sdaWritten} 0 0 0 0`,
    `   7       0 loop0 1 0 8000 0 0 0 0 0 0 0 0`,
    "@@df",
    "Filesystem     1024-blocks     Used Available Capacity Mounted on",
    "/dev/sda1        100000000 25000000  75000000      25% /",
    "",
  ].join("\n");

describe("agentless metrics from /proc", () => {
  it("computes gauges from one read and rates from two, counting whole disks and real interfaces only", () => {
    const first = parseProc(read("100 0 100 800 0 0 0 0 0 0", 1000, 2000, 0, 0));
    const second = parseProc(read("200 0 200 1400 200 0 0 0 0 0", 11_000, 4000, 2048, 4096));
    expect(metricsBetween(null, 0, first)).toEqual({ mem_utilization: 25, disk_utilization: 25 });
    // 10 s apart: 1,000 jiffies passed, 800 of them idle or waiting → 20 % busy.
    expect(metricsBetween({ at: 0, counters: first }, 10_000, second)).toEqual({
      mem_utilization: 25,
      disk_utilization: 25,
      cpu_utilization: 20,
      bytes_in: 1000,
      bytes_out: 200,
      kb_read: 102.4,
      kb_written: 204.8,
    });
  });

  it("gives no rate from a counter that went backwards (the host rebooted)", () => {
    const before = parseProc(read("5000 0 5000 9000 0 0 0 0 0 0", 9e9, 9e9, 9e6, 9e6));
    const after = parseProc(read("10 0 10 80 0 0 0 0 0 0", 100, 100, 10, 10));
    const m = metricsBetween({ at: 0, counters: before }, 10_000, after);
    expect(Object.keys(m).sort()).toEqual(["disk_utilization", "mem_utilization"]);
  });

  it("tells whole disks from partitions and virtual devices", () => {
    expect(["sda", "vdb", "nvme0n1", "mmcblk0", "xvda"].every(isWholeDisk)).toBe(true);
    expect(["sda1", "nvme0n1p2", "mmcblk0p1", "loop3", "dm-0", "ram0", "sr0"].some(isWholeDisk)).toBe(false);
  });

  it("reads a host's facts, and refuses an answer that is not a Linux host's", () => {
    const out = ["4", "@@", "MemTotal:        16303644 kB", "@@", 'NAME="Ubuntu"', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"', "@@", "aarch64", ""].join("\n");
    expect(parseFacts(out)).toEqual({ vcpu: 4, memoryGiB: 15.5, os: "Ubuntu 24.04.1 LTS", arch: "aarch64" });
    expect(parseFacts("sh: nproc: not found\n@@\n@@\n@@\n")).toBeNull();
  });
});
