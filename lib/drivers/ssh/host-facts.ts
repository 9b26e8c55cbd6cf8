import type { HostFacts } from "./host-store";

/** One login reads all of it: each part is separated by a line of its own. */
export const FACTS_COMMAND = "nproc; echo @@; cat /proc/meminfo; echo @@; cat /etc/os-release 2>/dev/null; echo @@; uname -m";

/** `MemTotal` and the other /proc/meminfo lines, in KiB. */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

function osName(osRelease: string): string {
  const field = (key: string) => {
    const m = new RegExp(`^${key}=(.*)$`, "m").exec(osRelease);
    return m ? m[1].trim().replace(/^"(.*)"$/, "$1") : null;
  };
  return field("PRETTY_NAME") ?? [field("NAME"), field("VERSION_ID")].filter(Boolean).join(" ") ?? "";
}

/** Reads what FACTS_COMMAND printed; null when it does not look like a Linux host's answer. */
export function parseFacts(output: string): HostFacts | null {
  const [nproc, meminfo, osRelease, arch] = output.split(/^@@$/m).map((p) => p.trim());
  const vcpu = Number(nproc);
  const memKiB = parseMeminfo(meminfo ?? "").get("MemTotal");
  if (!Number.isInteger(vcpu) || vcpu <= 0 || !memKiB) return null;
  return {
    vcpu,
    memoryGiB: Math.round((memKiB / 1024 / 1024) * 10) / 10,
    os: osName(osRelease ?? "") || "Linux",
    arch: (arch ?? "").split("\n")[0] || "unknown",
  };
}

/** One spec per host shape: hosts with the same vCPUs, memory and architecture share one. */
export function shapeName(f: HostFacts): string {
  return `host-${f.vcpu}c-${f.memoryGiB}g-${f.arch}`;
}
