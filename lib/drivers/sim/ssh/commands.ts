import type { Builtin, Invocation } from "./host-context";
import { diskUseKiB, memoryUse, uptimeSeconds } from "./files";

/** The commands that describe the host: what it is, how big, how long up. */

export function usage(inv: Invocation, name: string, bad: string, help: string): number {
  inv.io.err(`${name}: invalid option -- '${bad.replace(/^-+/, "")}'\nTry '${name} --help' for more information.\n${help ? `${help}\n` : ""}`);
  return 1;
}

/** Single-letter flags, bundled or not (`-sr`, `-s -r`). */
function flags(args: string[]): { letters: Set<string>; operands: string[]; long: string[] } {
  const letters = new Set<string>();
  const operands: string[] = [];
  const long: string[] = [];
  for (const a of args) {
    if (a.startsWith("--")) long.push(a);
    else if (a.startsWith("-") && a.length > 1) for (const c of a.slice(1)) letters.add(c);
    else operands.push(a);
  }
  return { letters, operands, long };
}

const uname: Builtin = (args, inv) => {
  const id = inv.host.identity;
  const { letters, long } = flags(args);
  const known = new Set(["a", "s", "n", "r", "v", "m", "p", "i", "o"]);
  for (const l of letters) if (!known.has(l)) return usage(inv, "uname", l, "");
  if (long.includes("--all")) letters.add("a");
  const fields: [string, string][] = [
    ["s", "Linux"],
    ["n", id.hostname],
    ["r", id.kernel],
    ["v", `#${22 + (id.kernel.length % 7)}-Ubuntu SMP Thu Jan  9 16:12:09 UTC 2025`],
    ["m", id.machine],
    ["p", id.machine],
    ["i", id.machine],
    ["o", "GNU/Linux"],
  ];
  const all = letters.has("a");
  const picked = fields.filter(([k]) => (all ? true : letters.has(k)));
  inv.io.out(`${(picked.length ? picked : fields.slice(0, 1)).map(([, v]) => v).join(" ")}\n`);
  return 0;
};

const hostname: Builtin = (args, inv) => {
  const id = inv.host.identity;
  if (args[0] === "-I" || args[0] === "--all-ip-addresses") inv.io.out(`${id.privateIp ?? ""} \n`);
  else if (args[0] === "-f" || args[0] === "--fqdn") inv.io.out(`${id.hostname}\n`);
  else if (args[0] === "-s" || args[0] === "--short" || args.length === 0) inv.io.out(`${id.hostname.split(".")[0]}\n`);
  else {
    inv.io.err("hostname: you must be root to change the host name\n");
    return 1;
  }
  return 0;
};

function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** `up 3 min`, `up 1:05`, `up 2 days,  3:04`, as procps prints them. */
export function upText(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const dayPart = days ? `${days} day${days === 1 ? "" : "s"}, ` : "";
  return hours ? `${dayPart}${String(hours).padStart(2)}:${String(minutes).padStart(2, "0")}` : `${dayPart}${minutes} min`;
}

const uptime: Builtin = (args, inv) => {
  const up = uptimeSeconds(inv.host);
  if (args[0] === "-p" || args[0] === "--pretty") {
    const h = Math.floor(up / 3600);
    const m = Math.floor((up % 3600) / 60);
    inv.io.out(`up ${h ? `${h} hour${h === 1 ? "" : "s"}, ` : ""}${m} minute${m === 1 ? "" : "s"}\n`);
  } else if (args[0] === "-s" || args[0] === "--since") {
    inv.io.out(`${new Date(inv.host.identity.bootedAt).toISOString().slice(0, 19).replace("T", " ")}\n`);
  } else {
    inv.io.out(` ${clock(inv.host.now())} up ${upText(up)},  1 user,  load average: 0.08, 0.03, 0.01\n`);
  }
  return 0;
};

const nproc: Builtin = (_args, inv) => {
  inv.io.out(`${inv.host.identity.vcpu}\n`);
  return 0;
};

/** `3.8Gi`, `512Mi` as free -h prints KiB amounts. */
function humanKiB(kib: number, suffix: "i" | ""): string {
  const units = ["K", "M", "G", "T"];
  let v = kib;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v === 0) return "0";
  const n = v < 10 ? v.toFixed(1) : String(Math.round(v));
  return `${n}${units[u]}${suffix}`;
}

const free: Builtin = (args, inv) => {
  const { letters } = flags(args);
  const total = inv.host.identity.memoryKiB;
  const m = memoryUse(inv.host);
  const fmt = (kib: number) => (letters.has("h") ? humanKiB(kib, "i") : String(letters.has("m") ? Math.floor(kib / 1024) : letters.has("g") ? Math.floor(kib / 1048576) : kib));
  const row = (label: string, cells: number[]) => label.padEnd(7) + cells.map((c) => fmt(c).padStart(12)).join("") + "\n";
  inv.io.out(`${"".padEnd(7)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}\n`);
  inv.io.out(row("Mem:", [total, m.usedKiB, m.freeKiB, 1064, m.buffCacheKiB, m.availableKiB]));
  inv.io.out(row("Swap:", [0, 0, 0]));
  return 0;
};

const df: Builtin = (args, inv) => {
  const human = flags(args).letters.has("h");
  const size = inv.host.identity.diskKiB;
  const used = diskUseKiB(inv.host);
  const shm = Math.floor(inv.host.identity.memoryKiB / 2);
  const rows: [string, number, number, string][] = [
    ["/dev/root", size, used, "/"],
    ["tmpfs", shm, 0, "/dev/shm"],
    ["tmpfs", Math.floor(inv.host.identity.memoryKiB / 5), 1000, "/run"],
    ["/dev/nvme0n1p15", 106_832, 6_250, "/boot/efi"],
  ];
  const fmt = (k: number) => (human ? humanKiB(k, "") : String(k));
  inv.io.out(`Filesystem     ${human ? "  Size  Used Avail" : "1K-blocks    Used Available"} Use% Mounted on\n`);
  for (const [fs, total, u, mount] of rows) {
    const pct = `${Math.ceil((u / total) * 100)}%`;
    const cells = human ? [fmt(total).padStart(6), fmt(u).padStart(5), fmt(total - u).padStart(5)] : [fmt(total).padStart(9), fmt(u).padStart(7), fmt(total - u).padStart(9)];
    inv.io.out(`${fs.padEnd(15)}${cells.join(" ")} ${pct.padStart(4)} ${mount}\n`);
  }
  return 0;
};

const whoami: Builtin = (_args, inv) => {
  inv.io.out(`${inv.user}\n`);
  return 0;
};

const id: Builtin = (args, inv) => {
  const root = inv.user === "root";
  const f = flags(args).letters;
  if ((f.has("u") || f.has("g")) && f.has("n")) inv.io.out(`${inv.user}\n`);
  else if (f.has("u") || f.has("g")) inv.io.out(root ? "0\n" : "1000\n");
  else inv.io.out(root ? "uid=0(root) gid=0(root) groups=0(root)\n" : "uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),4(adm),24(cdrom),27(sudo),30(dip),105(lxd)\n");
  return 0;
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `date` in UTC (cloud images' default zone), with the common `+FORMAT` letters. */
export function formatDate(ms: number, format: string | null): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  if (format === null) return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${clock(ms)} UTC ${d.getUTCFullYear()}`;
  const letters: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    m: () => two(d.getUTCMonth() + 1),
    d: () => two(d.getUTCDate()),
    H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    s: () => String(Math.floor(ms / 1000)),
    N: () => String((ms % 1000) * 1_000_000).padStart(9, "0"),
    F: () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    T: () => clock(ms),
    a: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()],
    Z: () => "UTC",
    z: () => "+0000",
    "%": () => "%",
  };
  return format.replace(/%(.)/g, (all, c: string) => letters[c]?.() ?? all);
}

const date: Builtin = (args, inv) => {
  const format = args.find((a) => a.startsWith("+"));
  if (args.includes("-Iseconds") || args.includes("--iso-8601=seconds")) inv.io.out(`${new Date(inv.host.now()).toISOString().slice(0, 19)}+00:00\n`);
  else inv.io.out(`${formatDate(inv.host.now(), format ? format.slice(1) : null)}\n`);
  return 0;
};

export const SYSTEM_COMMANDS: Record<string, Builtin> = { uname, hostname, uptime, nproc, free, df, whoami, id, date };
