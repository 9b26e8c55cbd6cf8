import { configuredSources, keyPresent, reposNamed, repositoryOf } from "./apt-sources";
import { aptMirror } from "./files";
import { HostFiles } from "./filesystem";
import { pause, type Builtin, type Host, type Invocation } from "./host-context";
import { archiveRenames, dependenciesOf, filesOf, setupSeconds, sizeKb, unitOf, versionOf } from "./packages";

/**
 * apt-get, apt and dpkg-query on a simulated Ubuntu host: the provider's mirror, third-party
 * repositories once configured and fetched, dependencies, and the units daemon packages start.
 * Durations are provider-typical (by package weight) and divided by the simulator's speed.
 */

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

const simSeconds = (host: Host, seconds: number) => (seconds * 1000) / host.speed;

/** A cloud VM reads its provider's mirror at about this many kB/s. */
const MIRROR_KBPS = 50_000;

const LOCK_ERROR =
  "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n";

/** A repository's key id, as apt names a key it lacks (stable per repository). */
function keyId(repo: string): string {
  let h = 0;
  for (const c of repo) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `B4D2D216${h.toString(16).toUpperCase().padStart(8, "0")}`;
}

async function aptUpdate(inv: Invocation): Promise<number> {
  const { host, io } = inv;
  const codename = host.identity.os.codename ?? "jammy";
  const sources = configuredSources(host);
  if ("error" in sources) {
    io.out("Reading package lists...\n");
    io.err(sources.error);
    return 100;
  }
  const base = aptMirror(host);
  const lines = [
    `Hit:1 ${base} ${codename} InRelease`,
    `Get:2 ${base} ${codename}-updates InRelease [128 kB]`,
    `Get:3 ${base} ${codename}-backports InRelease [127 kB]`,
    `Get:4 http://security.ubuntu.com/ubuntu ${codename}-security InRelease [129 kB]`,
    `Get:5 ${base} ${codename}-updates/main amd64 Packages [2,115 kB]`,
  ];
  const fetched = new Set<string>();
  const unsigned: string[] = [];
  let n = 6;
  for (const { repo, entry } of reposNamed(sources.entries)) {
    const where = `${entry.uri} ${entry.suite} `;
    if (!keyPresent(entry, host)) {
      lines.push(`Get:${n} ${where}InRelease [1,578 B]`, `Err:${n} ${where}InRelease`, `  The following signatures couldn't be verified because the public key is not available: NO_PUBKEY ${keyId(repo.id)}`);
      unsigned.push(`${where}InRelease`);
      n++;
      continue;
    }
    lines.push(`Get:${n} ${where}InRelease [1,578 B]`, `Get:${n + 1} ${where}Packages [${(4 + repo.packages.length * 1.3).toFixed(1)} kB]`);
    fetched.add(repo.id);
    n += 2;
  }
  lines.push("Fetched 2,507 kB in 2s (1,312 kB/s)", "Reading package lists...");
  for (const line of lines) {
    await pause(simSeconds(host, 0.35), io.signal);
    io.out(`${line}\n`);
  }
  if (unsigned.length) {
    for (const u of unsigned) io.err(`W: GPG error: ${u}: The following signatures couldn't be verified because the public key is not available\nE: The repository '${u}' is not signed.\nN: Updating from such a repository can't be done securely, and is therefore disabled by default.\n`);
    return 100;
  }
  host.state.aptLists = fetched;
  return 0;
}

/** The packages to install, dependencies first, or the name apt cannot find. */
function resolve(pkgs: string[], host: Host): { order: string[] } | { missing: string } {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (p: string): string | null => {
    if (seen.has(p)) return null;
    seen.add(p);
    if (!PACKAGE_NAME.test(p) || archiveRenames(p, host).missing) return p;
    const repo = repositoryOf(p, host);
    if (repo && !host.state.aptLists.has(repo.id)) return p;
    for (const d of dependenciesOf(p, host)) {
      const bad = visit(d);
      if (bad) return bad;
    }
    order.push(p);
    return null;
  };
  for (const p of pkgs) {
    const bad = visit(p);
    if (bad) return { missing: bad };
  }
  return { order };
}

async function aptInstall(inv: Invocation, pkgs: string[], yes: boolean): Promise<number> {
  const { host, io } = inv;
  const codename = host.identity.os.codename ?? "jammy";
  io.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
  await pause(simSeconds(host, 0.6), io.signal);
  const plan = resolve(pkgs, host);
  if ("missing" in plan) {
    io.err(`E: Unable to locate package ${plan.missing}\n`);
    return 100;
  }
  const fresh = plan.order.filter((p) => !host.state.packages.has(p));
  for (const p of [...new Set(pkgs)].filter((x) => host.state.packages.has(x))) io.out(`${p} is already the newest version (${versionOf(p, codename)}).\n`);
  if (fresh.length === 0) {
    io.out("0 upgraded, 0 newly installed, 0 to remove and 12 not upgraded.\n");
    return 0;
  }
  const extra = fresh.filter((p) => !pkgs.includes(p));
  if (extra.length) io.out(`The following additional packages will be installed:\n  ${extra.join(" ")}\n`);
  const total = fresh.reduce((s, p) => s + sizeKb(p), 0);
  io.out(`The following NEW packages will be installed:\n  ${fresh.join(" ")}\n`);
  io.out(`0 upgraded, ${fresh.length} newly installed, 0 to remove and 12 not upgraded.\nNeed to get ${total.toLocaleString("en-US")} kB of archives.\n`);
  io.out(`After this operation, ${(total * 3).toLocaleString("en-US")} kB of additional disk space will be used.\n`);
  if (!yes) {
    // Without a terminal apt reads an end of file as "no".
    io.out("Do you want to continue? [Y/n] Abort.\n");
    return 1;
  }
  const arch = host.identity.machine === "aarch64" ? "arm64" : "amd64";
  for (const [i, p] of fresh.entries()) {
    await pause(simSeconds(host, 0.1 + sizeKb(p) / MIRROR_KBPS), io.signal);
    const repo = repositoryOf(p, host);
    const from = repo ? `${repo.uri} stable/` : `${aptMirror(host)} ${codename}-updates/main ${arch}`;
    io.out(`Get:${i + 1} ${from} ${p} ${repo ? "all" : arch} ${versionOf(p, codename)} [${sizeKb(p).toLocaleString("en-US")} kB]\n`);
  }
  io.out(`Fetched ${total.toLocaleString("en-US")} kB in ${Math.max(1, Math.round(total / MIRROR_KBPS))}s (${MIRROR_KBPS.toLocaleString("en-US")} kB/s)\n`);
  const files = new HostFiles(host, "root");
  for (const p of fresh) {
    await pause(simSeconds(host, setupSeconds(p)), io.signal);
    io.out(`Selecting previously unselected package ${p}.\n(Reading database ... 64290 files and directories currently installed.)\n`);
    io.out(`Preparing to unpack .../${p}_${versionOf(p, codename)}_${arch}.deb ...\nUnpacking ${p} (${versionOf(p, codename)}) ...\n`);
    io.out(`Setting up ${p} (${versionOf(p, codename)}) ...\n`);
    host.state.packages.set(p, host.now());
    for (const [path, content] of Object.entries(filesOf(p, host))) files.install(path, content);
    if (p === "jitsi-meet-web-config") io.out("Generating a new self-signed certificate\n");
    const unit = unitOf(p, host);
    if (unit) {
      io.out(`Created symlink /etc/systemd/system/multi-user.target.wants/${unit}.service → /lib/systemd/system/${unit}.service.\n`);
      host.state.units.set(unit, { active: true, enabled: true, since: host.now() });
    }
  }
  io.out("Processing triggers for man-db (2.12.0-4build2) ...\n");
  return 0;
}

const aptGet: Builtin = async (args, inv) => {
  const operands: string[] = [];
  let yes = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-y" || a === "--yes" || a === "--assume-yes" || /^-[a-z]*y[a-z]*$/.test(a)) yes = true;
    else if (a === "-o" || a === "-c" || a === "-t") i++;
    else if (!a.startsWith("-")) operands.push(a);
  }
  const [verb, ...pkgs] = operands;
  if (!verb) {
    inv.io.out("apt 2.4.13 (amd64)\nUsage: apt-get [options] command\n");
    return 0;
  }
  const writes = ["update", "install", "upgrade", "remove", "purge", "dist-upgrade", "autoremove"];
  if (writes.includes(verb) && inv.user !== "root") {
    inv.io.err(verb === "update" ? "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n" : LOCK_ERROR);
    return 100;
  }
  if (verb === "update") return aptUpdate(inv);
  if (verb === "install") {
    if (pkgs.length === 0) {
      inv.io.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n0 upgraded, 0 newly installed, 0 to remove and 12 not upgraded.\n");
      return 0;
    }
    return aptInstall(inv, pkgs, yes);
  }
  if (verb === "upgrade" || verb === "dist-upgrade" || verb === "autoremove") {
    inv.io.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    return 0;
  }
  if (verb === "remove" || verb === "purge") {
    for (const p of pkgs) {
      if (!inv.host.state.packages.delete(p)) inv.io.out(`Package '${p}' is not installed, so not removed\n`);
      else {
        inv.io.out(`Removing ${p} ...\n`);
        const unit = unitOf(p, inv.host);
        if (unit) inv.host.state.units.delete(unit);
      }
    }
    return 0;
  }
  inv.io.err(`E: Invalid operation ${verb}\n`);
  return 100;
};

const apt: Builtin = (args, inv) => {
  inv.io.err("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
  return aptGet(args, inv);
};

const dpkgQuery: Builtin = (args, inv) => {
  const pkgs = args.filter((a) => !a.startsWith("-"));
  let status = 0;
  for (const p of pkgs) {
    if (inv.host.state.packages.has(p)) inv.io.out(`ii  ${p}  ${versionOf(p, inv.host.identity.os.codename ?? "jammy")}\n`);
    else {
      inv.io.err(`dpkg-query: package '${p}' is not installed and no information is available\n`);
      status = 1;
    }
  }
  return status;
};

export const APT_COMMANDS: Record<string, Builtin> = { "apt-get": aptGet, apt, "dpkg-query": dpkgQuery };
