import { SHELL_BUILTINS } from "./builtins";
import { SYSTEM_COMMANDS } from "./commands";
import { FILE_COMMANDS } from "./file-commands";
import { FS_MESSAGE, HostFiles } from "./filesystem";
import { ShellExit, type Builtin, type Dialect, type Host, type Invocation, type Io, type User } from "./host-context";
import { NETWORK_COMMANDS } from "./curl";
import { APT_COMMANDS } from "./apt";
import { DEBCONF_COMMANDS } from "./debconf";
import { SYSTEMCTL_COMMANDS } from "./systemctl";
import { expandWord, parseShell, ShellSyntaxError, type Command } from "./shell-parse";

const COMMANDS: Record<string, Builtin> = { ...SHELL_BUILTINS, ...SYSTEM_COMMANDS, ...FILE_COMMANDS, ...NETWORK_COMMANDS, ...APT_COMMANDS, ...SYSTEMCTL_COMMANDS, ...DEBCONF_COMMANDS, which, command };

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** `/usr/bin/uname` runs uname: the simulated commands live in every usual directory. */
function lookup(name: string): Builtin | undefined {
  const base = /^\/(usr\/)?(s?bin)\//.test(name) ? name.slice(name.lastIndexOf("/") + 1) : name;
  return Object.hasOwn(COMMANDS, base) ? COMMANDS[base] : undefined;
}

function which(args: string[], inv: Invocation): number {
  let status = 0;
  for (const a of args.filter((x) => !x.startsWith("-"))) {
    if (lookup(a)) inv.io.out(`/usr/bin/${a.slice(a.lastIndexOf("/") + 1)}\n`);
    else status = 1;
  }
  return status;
}

function command(args: string[], inv: Invocation): number | Promise<number> {
  if (args[0] === "-v" || args[0] === "-V") return which(args.slice(1), inv);
  return args.length ? inv.run(args, inv.io) : 0;
}

function initialVars(host: Host, user: User): Map<string, string> {
  const home = user === "root" ? "/root" : "/home/ubuntu";
  return new Map([
    ["HOME", home],
    ["USER", user],
    ["LOGNAME", user],
    ["SHELL", "/bin/bash"],
    ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"],
    ["PWD", home],
    ["LANG", "C.UTF-8"],
    ["HOSTNAME", host.identity.hostname],
    ["?", "0"],
    ["$", String(1000 + (host.now() % 30_000))],
    ["0", "bash"],
  ]);
}

/**
 * A simulated VM's shell. It runs one command line the way `bash -c` would, with the host's
 * commands; anything it does not emulate is answered as a real shell answers a missing command.
 */
export class SimShell {
  constructor(private readonly host: Host) {}

  /** Runs a command line as the login user; resolves with its exit status, throws Interrupted when stopped. */
  run(commandLine: string, io: Io): Promise<number> {
    return this.script(commandLine, io, initialVars(this.host, "ubuntu"), "ubuntu", "bash");
  }

  private async script(src: string, io: Io, vars: Map<string, string>, user: User, dialect: Dialect): Promise<number> {
    let commands: Command[];
    try {
      commands = parseShell(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(dialect === "dash" ? `${vars.get("0") ?? "sh"}: 1: ${e.message}\n` : `bash: ${e.message}\n`);
      return 2;
    }
    let status = 0;
    try {
      for (const c of commands) {
        if (c.connector === "&&" && status !== 0) continue;
        if (c.connector === "||" && status === 0) continue;
        status = await this.command(c, io, vars, user, dialect);
        vars.set("?", String(status));
      }
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
    return status;
  }

  private async command(c: Command, io: Io, vars: Map<string, string>, user: User, dialect: Dialect): Promise<number> {
    const words = c.words.map((w) => expandWord(w, (name) => vars.get(name)));
    let i = 0;
    for (; i < words.length && ASSIGNMENT.test(words[i]); i++) {
      const [, name, value] = ASSIGNMENT.exec(words[i]) as RegExpExecArray;
      vars.set(name, value);
    }
    const fds = new Map<number, ((text: string) => void) | null>([
      [1, io.out],
      [2, io.err],
    ]);
    for (const r of c.redirects) {
      if ("toFd" in r) {
        if (!fds.has(r.toFd)) {
          io.err(`bash: ${r.toFd}: Bad file descriptor\n`);
          return 1;
        }
        fds.set(r.fd, fds.get(r.toFd) ?? null);
      } else if (r.toFile === "/dev/null") fds.set(r.fd, null);
      else if (r.toFile === "/dev/stdout" || r.toFile === "/dev/stderr") fds.set(r.fd, fds.get(r.toFile === "/dev/stdout" ? 1 : 2) ?? null);
      else {
        // The file is made (or emptied) before the command runs, with the shell's user's rights.
        const files = new HostFiles(this.host, user, vars.get("PWD"));
        const error = files.write(r.toFile, "", r.append);
        if (error) {
          // dash: `sh: 1: cannot create /etc/x: Permission denied` (2); bash: `bash: line 1: /etc/x: …` (1).
          const words = error === "ENOENT" && dialect === "dash" ? "Directory nonexistent" : FS_MESSAGE[error];
          io.err(dialect === "dash" ? `${vars.get("0") ?? "sh"}: ${c.line}: cannot create ${r.toFile}: ${words}\n` : `bash: line ${c.line}: ${r.toFile}: ${words}\n`);
          return dialect === "dash" ? 2 : 1;
        }
        const path = r.toFile;
        fds.set(r.fd, (text) => void files.write(path, text, true));
      }
    }
    const drop = () => undefined;
    const redirected: Io = { out: fds.get(1) ?? drop, err: fds.get(2) ?? drop, signal: io.signal };
    if (i >= words.length) return 0;
    return this.invoke(words.slice(i), redirected, vars, user, dialect, c.line);
  }

  private async invoke(argv: string[], io: Io, vars: Map<string, string>, user: User, dialect: Dialect, line: number): Promise<number> {
    const [name, ...args] = argv;
    const builtin = lookup(name);
    if (!builtin) {
      io.err(dialect === "dash" ? `${vars.get("0") ?? "sh"}: ${line}: ${name}: not found\n` : `bash: ${name}: command not found\n`);
      return 127;
    }
    const inv: Invocation = {
      host: this.host,
      user,
      io,
      vars,
      dialect,
      line,
      files: new HostFiles(this.host, user, vars.get("PWD")),
      run: (next, nextIo, nextUser) => this.invoke(next, nextIo, vars, nextUser ?? user, dialect, line),
      script: (src, nextIo, args0, nextUser, nextDialect) => {
        const u = nextUser ?? user;
        // A child shell inherits the variables, not changes made inside it.
        const child = new Map(vars);
        child.set("0", args0[0] ?? "sh");
        args0.slice(1).forEach((v, n) => child.set(String(n + 1), v));
        child.set("?", "0");
        if (u !== user) for (const [k, v] of initialVars(this.host, u)) if (k !== "?" && k !== "0") child.set(k, v);
        return this.script(src, nextIo, child, u, nextDialect ?? "dash");
      },
    };
    return builtin(args, inv);
  }
}
