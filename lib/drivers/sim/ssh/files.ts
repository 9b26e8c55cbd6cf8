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

/** Where the image's apt looks: deb822 `ubuntu.sources` since 24.04, the one-line `sources.list` before. */
function aptSources(path: string, host: Host): string | null {
  const o = host.identity.os;
  if (o.id !== "ubuntu" || !o.codename) return null;
  const deb822 = Number(o.versionId.split(".")[0]) >= 24;
  if (deb822 !== path.endsWith("ubuntu.sources")) return deb822 ? "# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n" : null;
  const c = o.codename;
  const mirror = aptMirror(host);
  if (deb822) {
    return `Types: deb\nURIs: ${mirror}\nSuites: ${c} ${c}-updates ${c}-backports\nComponents: main restricted universe multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu\nSuites: ${c}-security\nComponents: main restricted universe multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n`;
  }
  return [`${c}`, `${c}-updates`, `${c}-backports`].map((s) => `deb ${mirror} ${s} main restricted universe multiverse\n`).join("") + `deb http://security.ubuntu.com/ubuntu ${c}-security main restricted universe multiverse\n`;
}

/** Where the provider's Ubuntu images fetch packages from. */
export function aptMirror(host: Host): string {
  const region = host.identity.regionKey.slice(host.identity.provider.length + 1);
  if (host.identity.provider === "aws") return `http://${region}.ec2.archive.ubuntu.com/ubuntu`;
  if (host.identity.provider === "azure") return "http://azure.archive.ubuntu.com/ubuntu";
  if (host.identity.provider === "gcp") return `http://${region}.gce.archive.ubuntu.com/ubuntu`;
  return "http://archive.ubuntu.com/ubuntu";
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
    case "/etc/apt/sources.list":
    case "/etc/apt/sources.list.d/ubuntu.sources":
      return aptSources(path, host);
    case "/proc/version":
      return `Linux version ${id.kernel} (buildd@lcy02-amd64-001) (gcc (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #1 SMP\n`;
    default:
      return null;
  }
}
