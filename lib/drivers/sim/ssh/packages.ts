import { createHash } from "node:crypto";
import { formatDate } from "./commands";
import { pause, type Builtin, type Host, type Invocation } from "./host-context";

/**
 * apt-get and systemctl on a simulated Ubuntu host. Any well-formed package name installs (the
 * simulator has no package index); packages that ship a daemon bring its unit, started and
 * enabled as Debian's packaging does. Durations are provider-typical and divided by the speed.
 */

/** Package → the unit it ships, for the daemons people install on cloud VMs. */
const DAEMONS: Record<string, string> = {
  nginx: "nginx",
  apache2: "apache2",
  "docker.io": "docker",
  "docker-ce": "docker",
  containerd: "containerd",
  "redis-server": "redis-server",
  postgresql: "postgresql",
  "mysql-server": "mysql",
  "mariadb-server": "mariadb",
  haproxy: "haproxy",
  coturn: "coturn",
  "prometheus-node-exporter": "prometheus-node-exporter",
  prometheus: "prometheus",
  grafana: "grafana-server",
  "jitsi-videobridge2": "jitsi-videobridge2",
  jicofo: "jicofo",
  prosody: "prosody",
  memcached: "memcached",
  "rabbitmq-server": "rabbitmq-server",
  "mongodb-org": "mongod",
  fail2ban: "fail2ban",
  chrony: "chrony",
  "nfs-kernel-server": "nfs-server",
  bind9: "named",
  squid: "squid",
  telegraf: "telegraf",
  influxdb2: "influxdb",
  caddy: "caddy",
  tomcat9: "tomcat9",
  "openssh-server": "ssh",
};

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** Where the provider's Ubuntu images fetch packages from. */
function mirror(host: Host): string {
  const region = host.identity.regionKey.slice(host.identity.provider.length + 1);
  if (host.identity.provider === "aws") return `http://${region}.ec2.archive.ubuntu.com/ubuntu`;
  if (host.identity.provider === "azure") return "http://azure.archive.ubuntu.com/ubuntu";
  if (host.identity.provider === "gcp") return `http://${region}.gce.archive.ubuntu.com/ubuntu`;
  return "http://archive.ubuntu.com/ubuntu";
}

function versionOf(pkg: string, codename: string): string {
  const h = createHash("sha256").update(pkg).digest();
  return `${1 + (h[0] % 9)}.${h[1] % 30}.${h[2] % 20}-${1 + (h[3] % 6)}${codename === "noble" ? "build" : "ubuntu"}${1 + (h[4] % 4)}`;
}

function sizeKb(pkg: string): number {
  return 40 + (createHash("sha256").update(`size:${pkg}`).digest()[0] * 7);
}

const simSeconds = (host: Host, seconds: number) => (seconds * 1000) / host.speed;

const LOCK_ERROR =
  "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n";

async function aptUpdate(inv: Invocation): Promise<number> {
  const { host, io } = inv;
  const codename = host.identity.os.codename ?? "jammy";
  const base = mirror(host);
  const lines = [
    `Hit:1 ${base} ${codename} InRelease`,
    `Get:2 ${base} ${codename}-updates InRelease [128 kB]`,
    `Get:3 ${base} ${codename}-backports InRelease [127 kB]`,
    `Get:4 http://security.ubuntu.com/ubuntu ${codename}-security InRelease [129 kB]`,
    `Get:5 ${base} ${codename}-updates/main amd64 Packages [2,115 kB]`,
    "Fetched 2,499 kB in 2s (1,312 kB/s)",
    "Reading package lists...",
  ];
  for (const line of lines) {
    await pause(simSeconds(host, 0.4), io.signal);
    io.out(`${line}\n`);
  }
  return 0;
}

async function aptInstall(inv: Invocation, pkgs: string[], yes: boolean): Promise<number> {
  const { host, io } = inv;
  const codename = host.identity.os.codename ?? "jammy";
  io.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
  await pause(simSeconds(host, 0.6), io.signal);
  const bad = pkgs.find((p) => !PACKAGE_NAME.test(p));
  if (bad) {
    io.err(`E: Unable to locate package ${bad}\n`);
    return 100;
  }
  const fresh = [...new Set(pkgs)].filter((p) => !host.state.packages.has(p));
  for (const p of pkgs.filter((x) => host.state.packages.has(x))) io.out(`${p} is already the newest version (${versionOf(p, codename)}).\n`);
  if (fresh.length === 0) {
    io.out("0 upgraded, 0 newly installed, 0 to remove and 12 not upgraded.\n");
    return 0;
  }
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
    await pause(simSeconds(host, 0.5), io.signal);
    io.out(`Get:${i + 1} ${mirror(host)} ${codename}-updates/main ${arch} ${p} ${arch} ${versionOf(p, codename)} [${sizeKb(p)} kB]\n`);
  }
  io.out(`Fetched ${total.toLocaleString("en-US")} kB in 1s (${Math.round(total * 0.9).toLocaleString("en-US")} kB/s)\n`);
  for (const p of fresh) {
    await pause(simSeconds(host, 0.7), io.signal);
    io.out(`Selecting previously unselected package ${p}.\n(Reading database ... 64290 files and directories currently installed.)\n`);
    io.out(`Preparing to unpack .../${p}_${versionOf(p, codename)}_${arch}.deb ...\nUnpacking ${p} (${versionOf(p, codename)}) ...\n`);
    io.out(`Setting up ${p} (${versionOf(p, codename)}) ...\n`);
    host.state.packages.set(p, host.now());
    const unit = DAEMONS[p];
    if (unit) {
      io.out(`Created symlink /etc/systemd/system/multi-user.target.wants/${unit}.service → /lib/systemd/system/${unit}.service.\n`);
      host.state.units.set(unit, { active: true, enabled: true, since: host.now() });
    }
  }
  io.out("Processing triggers for man-db (2.10.2-1) ...\n");
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
        const unit = DAEMONS[p];
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

const systemctl: Builtin = (args, inv) => {
  const { host, io } = inv;
  const operands = args.filter((a) => !a.startsWith("-"));
  const now = args.includes("--now");
  const quiet = args.includes("--quiet") || args.includes("-q");
  const [verb, ...raw] = operands;
  const units = raw.map((u) => u.replace(/\.service$/, ""));
  if (verb === "daemon-reload") return inv.user === "root" ? 0 : (io.err("Failed to reload daemon: Interactive authentication required.\n"), 1);
  if (verb === undefined || verb === "list-units") {
    for (const [name, u] of host.state.units) io.out(`  ${`${name}.service`.padEnd(40)} loaded ${u.active ? "active   running" : "inactive dead   "} ${name}.service\n`);
    return 0;
  }
  if (units.length === 0) {
    io.err(`Too few arguments.\n`);
    return 1;
  }
  if (verb === "is-active") {
    let status = 0;
    for (const name of units) {
      const active = host.state.units.get(name)?.active ?? false;
      if (!quiet) io.out(active ? "active\n" : "inactive\n");
      if (!active) status = 3;
    }
    return status;
  }
  if (verb === "is-enabled") {
    let status = 0;
    for (const name of units) {
      const u = host.state.units.get(name);
      if (!quiet) io.out(u ? (u.enabled ? "enabled\n" : "disabled\n") : "");
      if (!u) io.err(`Failed to get unit file state for ${name}.service: No such file or directory\n`);
      if (!u?.enabled) status = 1;
    }
    return status;
  }
  if (verb === "status") {
    let status = 0;
    for (const name of units) {
      const u = host.state.units.get(name);
      if (!u) {
        io.err(`Unit ${name}.service could not be found.\n`);
        status = 4;
        continue;
      }
      const since = formatDate(u.since, "%a %F %T UTC");
      io.out(`● ${name}.service\n     Loaded: loaded (/lib/systemd/system/${name}.service; ${u.enabled ? "enabled" : "disabled"}; vendor preset: enabled)\n`);
      io.out(`     Active: ${u.active ? `active (running) since ${since}` : `inactive (dead) since ${since}`}\n`);
      if (!u.active) status = Math.max(status, 3);
    }
    return status;
  }
  const changes: Record<string, (u: { active: boolean; enabled: boolean; since: number }) => void> = {
    start: (u) => ((u.since = u.active ? u.since : host.now()), (u.active = true)),
    stop: (u) => ((u.since = u.active ? host.now() : u.since), (u.active = false)),
    restart: (u) => ((u.since = host.now()), (u.active = true)),
    reload: () => undefined,
    enable: (u) => ((u.enabled = true), now && ((u.since = u.active ? u.since : host.now()), (u.active = true))),
    disable: (u) => ((u.enabled = false), now && ((u.since = u.active ? host.now() : u.since), (u.active = false))),
  };
  const change = changes[verb];
  if (!change) {
    io.err(`Unknown command verb ${verb}.\n`);
    return 1;
  }
  for (const name of units) {
    if (inv.user !== "root") {
      io.err(`Failed to ${verb} ${name}.service: Interactive authentication required.\nSee system logs and 'systemctl status ${name}.service' for details.\n`);
      return 1;
    }
    const u = host.state.units.get(name);
    if (!u) {
      io.err(`Failed to ${verb} ${name}.service: Unit ${name}.service not found.\n`);
      return 5;
    }
    change(u);
  }
  return 0;
};

export const PACKAGE_COMMANDS: Record<string, Builtin> = { "apt-get": aptGet, apt, "dpkg-query": dpkgQuery, systemctl };
