import { formatDate } from "./commands";
import type { Builtin, UnitState } from "./host-context";

/** systemctl on a simulated host: the image's units and those installed packages brought; changes need root. */
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
    // systemd answers 0 when any of the units is active (man systemctl, "is-active PATTERN…"),
    // so a check of several units needs one is-active per unit.
    let any = false;
    for (const name of units) {
      const active = host.state.units.get(name)?.active ?? false;
      if (!quiet) io.out(active ? "active\n" : "inactive\n");
      any ||= active;
    }
    return any ? 0 : 3;
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
  const changes: Record<string, (u: UnitState) => void> = {
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
      if (verb === "enable" || verb === "disable") {
        io.err(`Failed to ${verb} unit: Unit file ${name}.service does not exist.\n`);
        return 1;
      }
      io.err(`Failed to ${verb} ${name}.service: Unit ${name}.service not found.\n`);
      return 5;
    }
    // Debian's packages enable their units already; enable says so only when it changes something.
    if (verb === "enable" && !u.enabled) io.err(`Created symlink /etc/systemd/system/multi-user.target.wants/${name}.service → /lib/systemd/system/${name}.service.\n`);
    change(u);
  }
  return 0;
};

export const SYSTEMCTL_COMMANDS: Record<string, Builtin> = { systemctl };
