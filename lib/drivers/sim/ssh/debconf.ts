import { FS_MESSAGE } from "./filesystem";
import type { Builtin } from "./host-context";

/** debconf's question types; a line with another type is skipped with a warning, as the real tool does. */
const TYPES = new Set(["string", "password", "boolean", "select", "multiselect", "note", "text", "title", "error", "seen"]);

/**
 * debconf-set-selections [file]: stores `owner question type value` answers in the VM's debconf
 * database (root's), where package installs read them (jitsi-meet its host name).
 */
const debconfSetSelections: Builtin = (args, inv) => {
  const { io } = inv;
  const files = args.filter((a) => !a.startsWith("-"));
  if (inv.user !== "root") {
    io.err(
      'debconf: DbDriver "passwords" warning: could not open /var/cache/debconf/passwords.dat: Permission denied\ndebconf: DbDriver "config": could not write /var/cache/debconf/config.dat-new: Permission denied\n',
    );
    return 1;
  }
  let text = "";
  for (const f of files) {
    const read = inv.files.read(f);
    if (read === "ENOENT" || read === "EACCES" || read === "EISDIR" || read === "ENOTDIR") {
      io.err(`Can't open ${f}: ${FS_MESSAGE[read]}.\n`);
      return 2;
    }
    text += read;
  }
  let status = 0;
  const checkOnly = args.includes("-c") || args.includes("--checkonly");
  for (const [n, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\r$/, "");
    if (/^\s*(#|$)/.test(line)) continue;
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)(?:\s(.*))?$/.exec(line);
    if (!m) {
      io.err(`error: parse error on line ${n + 1}: ${line}\n`);
      status = 1;
      continue;
    }
    const [, owner, question, rawType, value = ""] = m;
    const type = rawType.toLowerCase();
    if (!TYPES.has(type)) {
      io.err(`warning: Unknown type ${rawType}, skipping line ${n + 1}\n`);
      continue;
    }
    if (!checkOnly && type !== "seen") inv.host.state.debconf.set(question, { owner, type, value });
  }
  return status;
};

export const DEBCONF_COMMANDS: Record<string, Builtin> = { "debconf-set-selections": debconfSetSelections };
