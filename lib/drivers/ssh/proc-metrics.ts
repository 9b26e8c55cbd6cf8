import type { MetricName } from "@/lib/core/metrics";
import { parseMeminfo } from "./host-facts";

/** One login reads every counter at once; each file is introduced by a marker line. */
export const PROC_COMMAND = "echo @@stat; head -n 1 /proc/stat; echo @@meminfo; cat /proc/meminfo; echo @@net; cat /proc/net/dev; echo @@disk; cat /proc/diskstats 2>/dev/null; echo @@df; df -P -k / 2>/dev/null";

/** Raw counters of one read: totals since boot (CPU jiffies, bytes, sectors) and the gauges. */
export interface ProcCounters {
  cpuTotal: number;
  cpuIdle: number;
  netIn: number;
  netOut: number;
  sectorsRead: number;
  sectorsWritten: number;
  memUtilization: number | null;
  diskUtilization: number | null;
}

function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/^@@/m).slice(1)) {
    const nl = part.indexOf("\n");
    out.set(part.slice(0, nl === -1 ? undefined : nl).trim(), nl === -1 ? "" : part.slice(nl + 1));
  }
  return out;
}

/** Partitions and virtual devices would count the same bytes twice (or count none): whole disks only. */
export function isWholeDisk(name: string): boolean {
  if (/^(loop|ram|zram|sr|fd|dm-|md)/.test(name)) return false;
  if (/^(nvme\d+n\d+|mmcblk\d+)p\d+$/.test(name)) return false;
  if (/^(sd|vd|xvd|hd)[a-z]+\d+$/.test(name)) return false;
  return true;
}

export function parseProc(text: string): ProcCounters {
  const s = sections(text);
  // cpu user nice system idle iowait irq softirq steal (guest time is already inside user).
  const cpu = (s.get("stat") ?? "").trim().split(/\s+/).slice(1, 9).map(Number);
  const cpuTotal = cpu.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const cpuIdle = (cpu[3] || 0) + (cpu[4] || 0);

  const mem = parseMeminfo(s.get("meminfo") ?? "");
  const total = mem.get("MemTotal");
  const available = mem.get("MemAvailable") ?? (mem.get("MemFree") ?? 0) + (mem.get("Buffers") ?? 0) + (mem.get("Cached") ?? 0);
  const memUtilization = total ? (100 * (total - available)) / total : null;

  let netIn = 0;
  let netOut = 0;
  for (const line of (s.get("net") ?? "").split("\n")) {
    const m = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!m || m[1] === "lo") continue;
    const f = m[2].trim().split(/\s+/).map(Number);
    netIn += f[0] || 0;
    netOut += f[8] || 0;
  }

  let sectorsRead = 0;
  let sectorsWritten = 0;
  for (const line of (s.get("disk") ?? "").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !isWholeDisk(f[2])) continue;
    sectorsRead += Number(f[5]) || 0;
    sectorsWritten += Number(f[9]) || 0;
  }

  // df -P: "Filesystem 1024-blocks Used Available Capacity Mounted-on"; Use% = used / (used + available), as df computes it.
  const dfLine = (s.get("df") ?? "").trim().split("\n")[1]?.trim().split(/\s+/) ?? [];
  const used = Number(dfLine[2]);
  const avail = Number(dfLine[3]);
  const diskUtilization = Number.isFinite(used) && Number.isFinite(avail) && used + avail > 0 ? (100 * used) / (used + avail) : null;

  return { cpuTotal, cpuIdle, netIn, netOut, sectorsRead, sectorsWritten, memUtilization, diskUtilization };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The Dragonfly metrics of one read: gauges from it alone, rates (CPU %, B/s, KB/s) from the
 * change since the previous read. A counter that went backwards (the host rebooted) gives no rate.
 */
export function metricsBetween(prev: { at: number; counters: ProcCounters } | null, at: number, now: ProcCounters): Partial<Record<MetricName, number>> {
  const out: Partial<Record<MetricName, number>> = {};
  if (now.memUtilization !== null) out.mem_utilization = round2(now.memUtilization);
  if (now.diskUtilization !== null) out.disk_utilization = round2(now.diskUtilization);
  if (!prev || at <= prev.at) return out;
  const seconds = (at - prev.at) / 1000;
  const d = (k: keyof ProcCounters) => (now[k] as number) - (prev.counters[k] as number);
  const dTotal = d("cpuTotal");
  if (dTotal > 0 && d("cpuIdle") >= 0) out.cpu_utilization = round2(Math.min(100, Math.max(0, 100 * (1 - d("cpuIdle") / dTotal))));
  if (d("netIn") >= 0) out.bytes_in = Math.round(d("netIn") / seconds);
  if (d("netOut") >= 0) out.bytes_out = Math.round(d("netOut") / seconds);
  // Sectors are 512 bytes whatever the disk's own sector size.
  if (d("sectorsRead") >= 0) out.kb_read = round2(d("sectorsRead") / 2 / seconds);
  if (d("sectorsWritten") >= 0) out.kb_written = round2(d("sectorsWritten") / 2 / seconds);
  return out;
}
