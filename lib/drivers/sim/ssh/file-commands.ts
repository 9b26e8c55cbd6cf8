import { formatDate, usage } from "./commands";
import { FS_MESSAGE } from "./filesystem";
import type { Builtin, Invocation } from "./host-context";

/** coreutils' file commands and test(1), over the VM's file system, with coreutils' words. */

/** Splits `-rf`, `-p` and friends from operands; `--` ends the options. */
function options(args: string[]): { letters: Set<string>; operands: string[] } {
  const letters = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === "--") done = true;
    else if (!done && a.startsWith("--")) letters.add(a);
    else if (!done && a.startsWith("-") && a.length > 1) for (const c of a.slice(1)) letters.add(c);
    else operands.push(a);
  }
  return { letters, operands };
}

function missing(inv: Invocation, name: string): number {
  inv.io.err(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
  return 1;
}

const cat: Builtin = (args, inv) => {
  let status = 0;
  for (const path of args.filter((a) => a !== "-")) {
    if (path.startsWith("-")) return usage(inv, "cat", path, "");
    const text = inv.files.read(path);
    if (text === "ENOENT" || text === "EACCES" || text === "EISDIR" || text === "ENOTDIR") {
      inv.io.err(`cat: ${path}: ${FS_MESSAGE[text]}\n`);
      status = 1;
    } else inv.io.out(text);
  }
  return status;
};

const touch: Builtin = (args, inv) => {
  const { operands } = options(args);
  if (operands.length === 0) return missing(inv, "touch");
  let status = 0;
  for (const path of operands) {
    if (inv.files.kind(path) === "dir") continue;
    const error = inv.files.write(path, "", true);
    if (error) {
      inv.io.err(`touch: cannot touch '${path}': ${FS_MESSAGE[error]}\n`);
      status = 1;
    }
  }
  return status;
};

const mkdir: Builtin = (args, inv) => {
  const { letters, operands } = options(args.filter((a, i) => a !== "-m" && args[i - 1] !== "-m"));
  if (operands.length === 0) return missing(inv, "mkdir");
  const parents = letters.has("p") || letters.has("--parents");
  let status = 0;
  for (const path of operands) {
    const error = inv.files.mkdir(path, parents);
    if (error) {
      inv.io.err(`mkdir: cannot create directory '${path}': ${FS_MESSAGE[error]}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Builtin = (args, inv) => {
  const { letters, operands } = options(args);
  const force = letters.has("f") || letters.has("--force");
  const recursive = letters.has("r") || letters.has("R") || letters.has("--recursive");
  if (operands.length === 0) return force ? 0 : missing(inv, "rm");
  let status = 0;
  for (const path of operands) {
    const error = inv.files.remove(path, recursive);
    if (error === "ENOENT" && force) continue;
    if (error) {
      inv.io.err(`rm: cannot remove '${path}': ${FS_MESSAGE[error]}\n`);
      status = 1;
    }
  }
  return status;
};

/** One `test` expression: file tests, strings and integers; `!` negates. Throws the message of a bad one. */
function evaluate(words: string[], inv: Invocation): boolean {
  if (words[0] === "!" && words.length > 1) return !evaluate(words.slice(1), inv);
  if (words.length === 0) return false;
  if (words.length === 1) return words[0] !== "";
  if (words.length === 2) {
    const [op, operand] = words;
    const kind = inv.files.kind(operand);
    switch (op) {
      case "-e":
        return kind !== null;
      case "-f":
        return kind === "file";
      case "-d":
        return kind === "dir";
      case "-s":
        return kind === "file" ? inv.files.size(operand) > 0 : kind === "dir";
      case "-r":
        return kind !== null && typeof inv.files.read(operand) === "string";
      case "-n":
        return operand !== "";
      case "-z":
        return operand === "";
      default:
        throw new Error(`${op}: unexpected operator`);
    }
  }
  if (words.length === 3) {
    const [a, op, b] = words;
    if (op === "=" || op === "==") return a === b;
    if (op === "!=") return a !== b;
    const ints: Record<string, (x: number, y: number) => boolean> = { "-eq": (x, y) => x === y, "-ne": (x, y) => x !== y, "-lt": (x, y) => x < y, "-le": (x, y) => x <= y, "-gt": (x, y) => x > y, "-ge": (x, y) => x >= y };
    if (ints[op]) {
      for (const n of [a, b]) if (!/^\s*-?\d+\s*$/.test(n)) throw new Error(`Illegal number: ${n}`);
      return ints[op](Number(a), Number(b));
    }
    throw new Error(`${op}: unexpected operator`);
  }
  throw new Error("too many arguments");
}

/** test(1) as the shells' builtin: 0 true, 1 false, 2 with a message for an expression it cannot read. */
function testWith(name: "test" | "["): Builtin {
  return (args, inv) => {
    const prefix = inv.dialect === "dash" ? `${inv.vars.get("0") ?? "sh"}: ${inv.line}: ` : `bash: line ${inv.line}: `;
    let words = args;
    if (name === "[") {
      if (args[args.length - 1] !== "]") {
        inv.io.err(`${prefix}[: missing ${inv.dialect === "dash" ? "]" : "`]'"}\n`);
        return 2;
      }
      words = args.slice(0, -1);
    }
    try {
      return evaluate(words, inv) ? 0 : 1;
    } catch (e) {
      inv.io.err(`${prefix}${name}: ${(e as Error).message}\n`);
      return 2;
    }
  };
}

const ls: Builtin = (args, inv) => {
  const { letters, operands } = options(args);
  const long = letters.has("l");
  const all = letters.has("a") || letters.has("A");
  let status = 0;
  const targets = operands.length ? operands : ["."];
  const line = (path: string, name: string) => {
    if (!long) return `${name}\n`;
    const dir = inv.files.kind(path) === "dir";
    const { owner, mtime } = inv.files.stat(path);
    const size = dir ? 4096 : inv.files.size(path);
    return `${dir ? "drwxr-xr-x" : "-rw-r--r--"} ${dir ? 2 : 1} ${owner} ${owner} ${String(size).padStart(5)} ${formatDate(mtime, "%b")} ${String(new Date(mtime).getUTCDate()).padStart(2)} ${formatDate(mtime, "%H:%M")} ${name}\n`;
  };
  for (const [n, path] of targets.entries()) {
    const entries = inv.files.list(path);
    if (typeof entries === "string") {
      inv.io.err(entries === "ENOENT" ? `ls: cannot access '${path}': ${FS_MESSAGE[entries]}\n` : `ls: cannot open directory '${path}': ${FS_MESSAGE[entries]}\n`);
      status = 2;
      continue;
    }
    if (inv.files.kind(path) === "file" || letters.has("d")) {
      inv.io.out(line(path, path));
      continue;
    }
    if (targets.length > 1) inv.io.out(`${n ? "\n" : ""}${path}:\n`);
    if (long) inv.io.out(`total ${entries.length * 4}\n`);
    for (const name of entries.filter((e) => all || !e.startsWith("."))) inv.io.out(line(`${path.replace(/\/$/, "")}/${name}`, name));
  }
  return status;
};

export const FILE_COMMANDS: Record<string, Builtin> = { cat, touch, mkdir, rm, ls, test: testWith("test"), "[": testWith("[") };
