import { Interrupted, pause, ShellExit, type Builtin, type Invocation } from "./host-context";

/** The shell's own words: output, waiting, exiting, and running other commands (sudo, exec, sh -c, timeout). */

const ok: Builtin = () => 0;

/** Backslash escapes as `echo -e` and printf's format read them. */
function unescape(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (all, e: string) => {
    if (stop) return "";
    const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b", "\\": "\\" };
    if (e === "c") return (stop = true), "";
    if (map[e] !== undefined) return map[e];
    if (e[0] === "0") return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    return all;
  });
  return { text, stop };
}

const echo: Builtin = (args, inv) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const c of args[i].slice(1)) {
      if (c === "n") newline = false;
      else if (c === "e") escapes = true;
      else escapes = false;
    }
  }
  const joined = args.slice(i).join(" ");
  const { text, stop } = escapes ? unescape(joined) : { text: joined, stop: false };
  inv.io.out(text + (newline && !stop ? "\n" : ""));
  return 0;
};

const printf: Builtin = (args, inv) => {
  const [format, ...rest] = args;
  if (format === undefined) {
    inv.io.err("printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  let status = 0;
  let out = "";
  let queue = [...rest];
  // The format is reused while arguments remain, as POSIX printf does.
  do {
    let used = 0;
    const convert = (flags: string, conv: string): string => {
      if (conv === "%") return "%";
      const arg = queue[used++] ?? "";
      const width = Number(/\d+$/.exec(flags.split(".")[0])?.[0] ?? 0);
      const left = flags.includes("-");
      let v: string;
      if (conv === "s" || conv === "b") v = conv === "b" ? unescape(arg).text : arg;
      else if (conv === "c") v = arg.charAt(0);
      else {
        const n = Number(arg === "" ? 0 : arg);
        if (Number.isNaN(n)) {
          inv.io.err(`printf: ${arg}: invalid number\n`);
          status = 1;
        }
        const num = Number.isNaN(n) ? 0 : n;
        const precision = /\.(\d+)/.exec(flags)?.[1];
        if (conv === "f") v = num.toFixed(precision === undefined ? 6 : Number(precision));
        else if (conv === "x" || conv === "X") v = Math.trunc(num).toString(16)[conv === "X" ? "toUpperCase" : "toLowerCase"]();
        else v = String(Math.trunc(num));
        if (flags.includes("0") && !left) return v.padStart(width, "0");
      }
      return left ? v.padEnd(width) : v.padStart(width);
    };
    // Escapes are read in the format only: an argument printed with %s keeps its backslashes.
    let last = 0;
    for (const m of format.matchAll(/%([-+ 0#]*\d*(?:\.\d+)?)([sdifxXc%b])/g)) {
      out += unescape(format.slice(last, m.index)).text + convert(m[1], m[2]);
      last = m.index + m[0].length;
    }
    out += unescape(format.slice(last)).text;
    queue = queue.slice(used);
    if (used === 0) break;
  } while (queue.length > 0);
  inv.io.out(out);
  return status;
};

/** `5`, `0.5`, `2m`, `1h`, `1d`: seconds as sleep and timeout read them. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2]] ?? 1;
  return Number(m[1]) * unit;
}

const sleep: Builtin = async (args, inv) => {
  if (args.length === 0) {
    inv.io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let seconds = 0;
  for (const a of args) {
    const s = parseDuration(a);
    if (s === null) {
      inv.io.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    seconds += s;
  }
  await pause(seconds * 1000, inv.io.signal);
  return 0;
};

const exit: Builtin = (args, inv) => {
  const n = args[0] === undefined ? Number(inv.vars.get("?") ?? 0) : Number(args[0]);
  if (!Number.isInteger(n)) {
    inv.io.err(`bash: exit: ${args[0]}: numeric argument required\n`);
    throw new ShellExit(2);
  }
  throw new ShellExit(((n % 256) + 256) % 256);
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

const sudo: Builtin = (args, inv) => {
  let i = 0;
  let user: "root" | "ubuntu" = "root";
  for (; i < args.length && args[i].startsWith("-"); i++) {
    if (args[i] === "-u") user = args[++i] === "ubuntu" ? "ubuntu" : "root";
    else if (args[i] === "--") {
      i++;
      break;
    }
  }
  // `sudo DEBIAN_FRONTEND=noninteractive apt-get …` sets the variable for the command.
  for (; i < args.length && ASSIGNMENT.test(args[i]); i++) inv.vars.set(args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1));
  if (i >= args.length) {
    inv.io.err("usage: sudo [-u user] command [arg ...]\n");
    return 1;
  }
  return inv.run(args.slice(i), inv.io, user);
};

const exec: Builtin = async (args, inv) => {
  if (args.length === 0) return 0;
  throw new ShellExit(await inv.run(args, inv.io));
};

/** `sh -c 'script' [name [args…]]`: the script runs through this same shell (dash's words for sh). */
function shell(dialect: "bash" | "dash"): Builtin {
  return (args, inv) => {
    let i = 0;
    let script: string | null = null;
    for (; i < args.length && args[i].startsWith("-"); i++) {
      if (/^-[a-z]*c[a-z]*$/.test(args[i])) {
        script = args[++i] ?? null;
        i++;
        break;
      }
    }
    if (script === null) {
      if (args[i] !== undefined) {
        inv.io.err(`bash: ${args[i]}: No such file or directory\n`);
        return 127;
      }
      // No script and no terminal: a shell reading an empty input ends at once.
      return 0;
    }
    return inv.script(script, inv.io, args.slice(i).length ? args.slice(i) : [dialect === "bash" ? "bash" : "sh"], undefined, dialect);
  };
}

const SIGNAL_NUMBERS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

/** GNU timeout: ends the command after the duration; 124, or 128+9 when the signal is KILL. */
const timeout: Builtin = async (args, inv) => {
  let signalName = "TERM";
  let preserve = false;
  let i = 0;
  for (; i < args.length && args[i].startsWith("-") && args[i] !== "-"; i++) {
    const a = args[i];
    if (a === "-s" || a === "--signal") signalName = args[++i] ?? "TERM";
    else if (a.startsWith("--signal=")) signalName = a.slice(9);
    else if (a.startsWith("-s")) signalName = a.slice(2);
    else if (a === "-k" || a === "--kill-after") i++;
    else if (a === "--preserve-status") preserve = true;
    else if (a === "--foreground" || a === "-v" || a === "--verbose" || a.startsWith("--kill-after=") || a.startsWith("-k")) continue;
    else {
      inv.io.err(`timeout: invalid option -- '${a.replace(/^-+/, "")}'\nTry 'timeout --help' for more information.\n`);
      return 125;
    }
  }
  signalName = signalName.toUpperCase().replace(/^SIG/, "");
  if (/^\d+$/.test(signalName)) signalName = Object.keys(SIGNAL_NUMBERS).find((k) => SIGNAL_NUMBERS[k] === Number(signalName)) ?? "TERM";
  if (!(signalName in SIGNAL_NUMBERS)) {
    inv.io.err(`timeout: ${signalName}: invalid signal\n`);
    return 125;
  }
  const seconds = parseDuration(args[i] ?? "");
  const command = args.slice(i + 1);
  if (seconds === null || command.length === 0) {
    inv.io.err(seconds === null ? `timeout: invalid time interval '${args[i] ?? ""}'\n` : "timeout: missing operand\n");
    return 125;
  }
  const child = new AbortController();
  const parent = inv.io.signal;
  const onParent = () => child.abort(parent.reason);
  if (parent.aborted) onParent();
  parent.addEventListener("abort", onParent, { once: true });
  let fired = false;
  const timer = seconds > 0 ? setTimeout(() => ((fired = true), child.abort(new Interrupted(signalName))), seconds * 1000) : null;
  const timedOutStatus = () => (preserve ? 128 + SIGNAL_NUMBERS[signalName] : signalName === "KILL" ? 137 : 124);
  try {
    const status = await inv.run(command, { ...inv.io, signal: child.signal });
    return fired ? timedOutStatus() : status;
  } catch (e) {
    if (e instanceof Interrupted && fired && !parent.aborted) return timedOutStatus();
    throw e;
  } finally {
    if (timer) clearTimeout(timer);
    parent.removeEventListener("abort", onParent);
  }
};

const exportVars: Builtin = (args, inv) => {
  for (const a of args) if (ASSIGNMENT.test(a)) inv.vars.set(a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
  return 0;
};

const pwd: Builtin = (_args, inv) => {
  inv.io.out(`${inv.vars.get("PWD") ?? "/home/ubuntu"}\n`);
  return 0;
};

const env: Builtin = (args, inv: Invocation) => {
  let i = 0;
  for (; i < args.length && ASSIGNMENT.test(args[i]); i++) inv.vars.set(args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1));
  if (i < args.length) return inv.run(args.slice(i), inv.io);
  for (const [k, v] of inv.vars) if (/^[A-Za-z_]/.test(k)) inv.io.out(`${k}=${v}\n`);
  return 0;
};

const controlFlow: Builtin = (_args, inv) => {
  inv.io.err("bash: control flow (if, for, while, case, functions, subshells) is not emulated on this host\n");
  return 2;
};

export const SHELL_BUILTINS: Record<string, Builtin> = {
  true: ok,
  ":": ok,
  false: () => 1,
  echo,
  printf,
  sleep,
  exit,
  sudo,
  exec,
  sh: shell("dash"),
  bash: shell("bash"),
  dash: shell("dash"),
  timeout,
  // The simulator ends commands itself when their channel closes; kill only has to agree.
  kill: ok,
  pkill: ok,
  killall: ok,
  export: exportVars,
  cd: ok,
  pwd,
  env,
  if: controlFlow,
  for: controlFlow,
  while: controlFlow,
  until: controlFlow,
  case: controlFlow,
  function: controlFlow,
  "{": controlFlow,
};
