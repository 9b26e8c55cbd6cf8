import type { Host } from "./host-context";

/** Memory in use: a fresh cloud image's few hundred MiB plus a little per installed package. */
export function memoryUse(host: Host): { usedKiB: number; buffCacheKiB: number; freeKiB: number; availableKiB: number } {
  const total = host.identity.memoryKiB;
  const usedKiB = Math.min(Math.round(total * 0.8), 190_000 + 45_000 * host.state.packages.size);
  const buffCacheKiB = Math.min(Math.round((total - usedKiB) * 0.5), 420_000 + 60_000 * host.state.packages.size);
  const freeKiB = total - usedKiB - buffCacheKiB;
  return { usedKiB, buffCacheKiB, freeKiB, availableKiB: freeKiB + Math.round(buffCacheKiB * 0.8) };
}

/** Disk in use on the root volume: the image's 1.8 GiB plus each package's share. */
export function diskUseKiB(host: Host): number {
  return 1_887_436 + 61_440 * host.state.packages.size;
}

export function uptimeSeconds(host: Host): number {
  return Math.max(0, (host.now() - host.identity.bootedAt) / 1000);
}

function osRelease(host: Host): string {
  const o = host.identity.os;
  const lines = [`PRETTY_NAME="${o.prettyName}"`, `NAME="${o.name}"`, `VERSION_ID="${o.versionId}"`, `VERSION="${o.version}"`];
  if (o.codename) lines.push(`VERSION_CODENAME=${o.codename}`);
  lines.push(`ID=${o.id}`);
  if (o.idLike) lines.push(`ID_LIKE=${o.idLike}`);
  if (o.id === "ubuntu") {
    lines.push(
      'HOME_URL="https://www.ubuntu.com/"',
      'SUPPORT_URL="https://help.ubuntu.com/"',
      'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
      `UBUNTU_CODENAME=${o.codename}`,
    );
  }
  return lines.join("\n") + "\n";
}

function cpuinfo(host: Host): string {
  const blocks: string[] = [];
  for (let i = 0; i < host.identity.vcpu; i++) {
    blocks.push(
      host.identity.machine === "aarch64"
        ? `processor\t: ${i}\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n`
        : `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 106\nmodel name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\ncpu MHz\t\t: 2899.968\ncache size\t: 55296 KB\nsiblings\t: ${host.identity.vcpu}\ncpu cores\t: ${Math.max(1, host.identity.vcpu / 2)}\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid aperfmperf tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 avx512f\n`,
    );
  }
  return blocks.join("\n");
}

function meminfo(host: Host): string {
  const m = memoryUse(host);
  const row = (name: string, kib: number) => `${`${name}:`.padEnd(16)}${String(kib).padStart(8)} kB`;
  return [
    row("MemTotal", host.identity.memoryKiB),
    row("MemFree", m.freeKiB),
    row("MemAvailable", m.availableKiB),
    row("Buffers", Math.round(m.buffCacheKiB * 0.08)),
    row("Cached", Math.round(m.buffCacheKiB * 0.85)),
    row("SwapCached", 0),
    row("SwapTotal", 0),
    row("SwapFree", 0),
  ].join("\n") + "\n";
}

/** The files `cat` can read on a simulated host, made from its identity when read. */
export function readFile(path: string, host: Host): string | null {
  const id = host.identity;
  switch (path) {
    case "/etc/os-release":
    case "/usr/lib/os-release":
      return osRelease(host);
    case "/etc/lsb-release":
      return id.os.id === "ubuntu" ? `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${id.os.versionId}\nDISTRIB_CODENAME=${id.os.codename}\nDISTRIB_DESCRIPTION="${id.os.prettyName}"\n` : null;
    case "/etc/hostname":
    case "/proc/sys/kernel/hostname":
      return `${id.hostname}\n`;
    case "/proc/cpuinfo":
      return cpuinfo(host);
    case "/proc/meminfo":
      return meminfo(host);
    case "/proc/uptime": {
      const up = uptimeSeconds(host);
      return `${up.toFixed(2)} ${(up * id.vcpu * 0.97).toFixed(2)}\n`;
    }
    case "/proc/loadavg":
      return `0.08 0.03 0.01 1/${110 + 4 * host.state.packages.size} ${1000 + Math.floor(uptimeSeconds(host) / 10)}\n`;
    case "/proc/version":
      return `Linux version ${id.kernel} (buildd@lcy02-amd64-001) (gcc (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #1 SMP\n`;
    default:
      return null;
  }
}

/** Paths that exist but cannot be read as a file, for the message `cat` gives. */
export function isDirectory(path: string): boolean {
  return ["/", "/etc", "/proc", "/home", "/home/ubuntu", "/tmp", "/var", "/usr", "/root"].includes(path.replace(/\/+$/, "") || "/");
}
