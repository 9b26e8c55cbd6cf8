import { readFile as readImageFile } from "./files";
import type { Host, User } from "./host-context";

/**
 * A simulated VM's file system: the image's directories and files (made from its identity), and
 * what commands wrote since, kept in the VM's memory. Permissions follow what matters on Ubuntu:
 * the system's folders are root's, `/tmp` is everyone's (sticky: a file is its owner's), the home
 * folder is the user's; root may write anywhere but `/proc` and `/sys`.
 */

export type FsError = "ENOENT" | "EACCES" | "EISDIR" | "ENOTDIR" | "EEXIST" | "ENOTEMPTY";

/** The words coreutils print for each error. */
export const FS_MESSAGE: Record<FsError, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EEXIST: "File exists",
  ENOTEMPTY: "Directory not empty",
};

/** Everyone may make files in these; a file in them belongs to whoever made it. */
const SHARED_DIRS = new Set(["/tmp", "/var/tmp", "/dev/shm"]);

/** The folders of an Ubuntu cloud image (root's, but the home folder). */
const IMAGE_DIRS = [
  "/", "/bin", "/boot", "/dev", "/dev/shm", "/etc", "/etc/apt", "/etc/apt/apt.conf.d", "/etc/apt/keyrings", "/etc/apt/preferences.d",
  "/etc/apt/sources.list.d", "/etc/apt/trusted.gpg.d", "/etc/default", "/etc/ssh", "/etc/systemd", "/etc/systemd/system", "/home",
  "/home/ubuntu", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp", "/usr",
  "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/sbin", "/usr/share", "/usr/share/keyrings",
  "/var", "/var/backups", "/var/cache", "/var/lib", "/var/log", "/var/tmp",
];
const IMAGE_DIR_SET = new Set(IMAGE_DIRS);

/** The image's files `cat` can read (made from the VM's identity when read). */
const IMAGE_FILES = [
  "/etc/os-release", "/usr/lib/os-release", "/etc/lsb-release", "/etc/hostname", "/proc/cpuinfo", "/proc/meminfo", "/proc/uptime",
  "/proc/loadavg", "/proc/version", "/proc/sys/kernel/hostname", "/etc/apt/sources.list", "/etc/apt/sources.list.d/ubuntu.sources",
];

/** `a/../b/./c` from the working folder, as an absolute path without a trailing slash. */
export function resolvePath(path: string, cwd: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/** The file system as one user sees it, from one working folder. */
export class HostFiles {
  constructor(
    private readonly host: Host,
    private readonly user: User,
    private readonly cwd = user === "root" ? "/root" : "/home/ubuntu",
  ) {}

  resolve(path: string): string {
    return resolvePath(path, this.cwd);
  }

  private dirOwner(path: string): User | "shared" | null {
    if (SHARED_DIRS.has(path)) return "shared";
    if (path === "/home/ubuntu") return "ubuntu";
    if (IMAGE_DIR_SET.has(path)) return "root";
    return this.host.state.dirs.get(path) ?? null;
  }

  private imageFile(path: string): string | null {
    return this.host.state.files.has(path) ? null : readImageFile(path, this.host);
  }

  /** What is at a path: a file, a folder, or nothing. */
  kind(path: string): "file" | "dir" | null {
    const p = this.resolve(path);
    if (this.dirOwner(p) !== null) return "dir";
    if (this.host.state.files.has(p) || this.imageFile(p) !== null) return "file";
    return null;
  }

  /** Checks every folder on the way: a missing one or a file in the middle fails as the kernel does. */
  private walk(path: string): FsError | null {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join("/")}`;
      if (this.dirOwner(dir) !== null) {
        if (dir === "/root" && this.user !== "root") return "EACCES";
        continue;
      }
      return this.host.state.files.has(dir) || this.imageFile(dir) !== null ? "ENOTDIR" : "ENOENT";
    }
    return null;
  }

  read(path: string): string | FsError {
    const p = this.resolve(path);
    const blocked = this.walk(p);
    if (blocked) return blocked;
    if (this.dirOwner(p) !== null) return "EISDIR";
    const written = this.host.state.files.get(p);
    if (written) return written.content;
    return this.imageFile(p) ?? "ENOENT";
  }

  size(path: string): number {
    const text = this.read(path);
    return typeof text === "string" ? Buffer.byteLength(text) : 0;
  }

  /** May this user make or remove an entry in the folder? */
  private mayChangeIn(dir: string, entryOwner: User | null): boolean {
    if (this.user === "root") return !dir.startsWith("/proc") && !dir.startsWith("/sys");
    const owner = this.dirOwner(dir);
    if (owner === "shared") return entryOwner === null || entryOwner === this.user;
    return owner === this.user;
  }

  /** Opens a file for writing (creates it, or truncates it unless appending), as `>` and `>>` do. */
  write(path: string, text: string, append = false): FsError | null {
    const p = this.resolve(path);
    const blocked = this.walk(p);
    if (blocked) return blocked;
    if (this.dirOwner(p) !== null) return "EISDIR";
    const existing = this.host.state.files.get(p);
    if (existing) {
      if (this.user !== "root" && existing.owner !== this.user) return "EACCES";
      existing.content = append ? existing.content + text : text;
      existing.mtime = this.host.now();
      return null;
    }
    const image = this.imageFile(p);
    if (image !== null) {
      if (this.user !== "root" || p.startsWith("/proc") || p.startsWith("/sys")) return "EACCES";
      this.host.state.files.set(p, { content: append ? image + text : text, owner: "root", mtime: this.host.now() });
      return null;
    }
    if (!this.mayChangeIn(parentOf(p), null)) return "EACCES";
    this.host.state.files.set(p, { content: text, owner: this.user, mtime: this.host.now() });
    return null;
  }

  mkdir(path: string, parents: boolean): FsError | null {
    const p = this.resolve(path);
    if (this.kind(p) !== null) return parents && this.kind(p) === "dir" ? null : "EEXIST";
    const parent = parentOf(p);
    if (this.kind(parent) === null) {
      if (!parents) return "ENOENT";
      const made = this.mkdir(parent, true);
      if (made) return made;
    }
    if (this.kind(parent) !== "dir") return "ENOTDIR";
    const blocked = this.walk(p);
    if (blocked) return blocked;
    if (!this.mayChangeIn(parent, null)) return "EACCES";
    this.host.state.dirs.set(p, this.user);
    return null;
  }

  /** Removes a file, or a folder with `recursive`; the image's own files and folders stay (root's). */
  remove(path: string, recursive: boolean): FsError | null {
    const p = this.resolve(path);
    const blocked = this.walk(p);
    if (blocked) return blocked;
    const kind = this.kind(p);
    if (kind === null) return "ENOENT";
    if (kind === "dir" && !recursive) return "EISDIR";
    const owner = kind === "dir" ? (this.host.state.dirs.get(p) ?? "root") : (this.host.state.files.get(p)?.owner ?? "root");
    if (!this.mayChangeIn(parentOf(p), owner)) return "EACCES";
    if (kind === "dir") {
      if (IMAGE_DIR_SET.has(p)) return "EACCES";
      for (const f of this.host.state.files.keys()) if (f.startsWith(`${p}/`)) this.host.state.files.delete(f);
      for (const d of this.host.state.dirs.keys()) if (d === p || d.startsWith(`${p}/`)) this.host.state.dirs.delete(d);
    } else if (!this.host.state.files.delete(p)) return "EACCES";
    return null;
  }

  /** A folder's entries, sorted as `ls` sorts them in the C locale. */
  list(path: string): string[] | FsError {
    const p = this.resolve(path);
    const blocked = this.walk(p);
    if (blocked) return blocked;
    const kind = this.kind(p);
    if (kind === null) return "ENOENT";
    if (kind === "file") return [p];
    if (p === "/root" && this.user !== "root") return "EACCES";
    const prefix = p === "/" ? "/" : `${p}/`;
    const names = new Set<string>();
    const all = [...IMAGE_DIRS, ...IMAGE_FILES, ...this.host.state.dirs.keys(), ...this.host.state.files.keys()];
    for (const entry of all) {
      if (!entry.startsWith(prefix) || entry === p) continue;
      const rest = entry.slice(prefix.length);
      if (!rest.includes("/") && (this.kind(entry) !== null)) names.add(rest);
    }
    return [...names].sort();
  }

  /** Who owns an entry, and when it last changed, for `ls -l`. */
  stat(path: string): { owner: User; mtime: number } {
    const p = this.resolve(path);
    const f = this.host.state.files.get(p);
    if (f) return { owner: f.owner, mtime: f.mtime };
    const d = this.dirOwner(p);
    return { owner: d === "ubuntu" ? "ubuntu" : "root", mtime: this.host.identity.bootedAt };
  }

  /** Writes a file as a package's installer does (root, folders made on the way). */
  install(path: string, content: string): void {
    for (let dir = parentOf(path); this.dirOwner(dir) === null; dir = parentOf(dir)) this.host.state.dirs.set(dir, "root");
    this.host.state.files.set(path, { content, owner: "root", mtime: this.host.now() });
  }
}
