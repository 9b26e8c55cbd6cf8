import { HostFiles } from "./filesystem";
import type { Host } from "./host-context";

/**
 * Third-party apt repositories: the packages Ubuntu's archive does not carry install only once a
 * file under /etc/apt/sources.list.d/ names their repository and `apt-get update` fetched its
 * package list, as on Ubuntu. Everything else comes from the archive.
 */

export interface ThirdPartyRepo {
  id: string;
  /** The repository's address as people write it in a `deb` line (matched as a prefix). */
  uri: string;
  packages: string[];
  /** The Ubuntu release (major version) from which the archive carries these packages itself. */
  inArchiveFrom?: number;
}

export const THIRD_PARTY_REPOS: ThirdPartyRepo[] = [
  {
    id: "jitsi",
    uri: "https://download.jitsi.org",
    packages: ["jitsi-meet", "jitsi-meet-web", "jitsi-meet-web-config", "jitsi-meet-prosody", "jitsi-meet-turnserver", "jitsi-meet-tokens", "jicofo", "jitsi-videobridge2"],
  },
  { id: "docker", uri: "https://download.docker.com/linux/ubuntu", packages: ["docker-ce", "docker-ce-cli", "containerd.io", "docker-buildx-plugin", "docker-compose-plugin"] },
  { id: "mongodb", uri: "https://repo.mongodb.org/apt/ubuntu", packages: ["mongodb-org", "mongodb-org-server", "mongodb-org-mongos", "mongodb-org-tools", "mongodb-org-shell", "mongodb-mongosh"] },
  { id: "influxdata", uri: "https://repos.influxdata.com", packages: ["telegraf", "influxdb2", "influxdb2-cli", "kapacitor", "chronograf"] },
  { id: "grafana", uri: "https://apt.grafana.com", packages: ["grafana", "grafana-enterprise", "loki", "promtail", "alloy"] },
  // Ubuntu carries caddy itself from 24.04 (universe); older releases need Caddy's own repository.
  { id: "caddy", uri: "https://dl.cloudsmith.io/public/caddy/stable", packages: ["caddy"], inArchiveFrom: 24 },
  { id: "hashicorp", uri: "https://apt.releases.hashicorp.com", packages: ["terraform", "vault", "consul", "nomad", "packer"] },
  { id: "kubernetes", uri: "https://pkgs.k8s.io/core:/stable:", packages: ["kubelet", "kubeadm", "kubectl"] },
];

/** The third-party repository a package comes from on this host, or null when Ubuntu's archive has it. */
export function repositoryOf(pkg: string, host: Host): ThirdPartyRepo | null {
  const repo = THIRD_PARTY_REPOS.find((r) => r.packages.includes(pkg));
  if (!repo) return null;
  const major = Number(host.identity.os.versionId.split(".")[0]);
  return repo.inArchiveFrom !== undefined && host.identity.os.id === "ubuntu" && major >= repo.inArchiveFrom ? null : repo;
}

/** One repository line of a sources file. */
export interface SourceEntry {
  file: string;
  uri: string;
  suite: string;
  signedBy: string | null;
}

export type SourcesResult = { entries: SourceEntry[] } | { error: string };

/** Reads the one-line format: `deb [options] uri suite [components…]`. */
function oneLine(file: string, text: string): SourcesResult {
  const entries: SourceEntry[] = [];
  for (const [n, raw] of text.split("\n").entries()) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const m = /^(deb|deb-src)(\s+\[([^\]]*)\])?\s+(\S+)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(line);
    const malformed = (what: string) => ({ error: `E: Malformed entry ${n + 1} in list file ${file} (${what})\nE: The list of sources could not be read.\n` });
    if (!m) return malformed("Component");
    if (!m[5]) return malformed("Suite");
    if (!m[5].endsWith("/") && !m[6]) return malformed("Component");
    if (m[1] !== "deb") continue;
    const signedBy = /signed-by=(\S+)/.exec(m[3] ?? "")?.[1] ?? null;
    entries.push({ file, uri: m[4].replace(/\/+$/, ""), suite: m[5], signedBy });
  }
  return { entries };
}

/** Reads the deb822 format (`Types:`, `URIs:`, `Suites:`, `Signed-By:` stanzas). */
function deb822(file: string, text: string): SourcesResult {
  const entries: SourceEntry[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(stanza)?.[1]?.trim() ?? null;
    const types = field("Types");
    if (!types) continue;
    const uris = field("URIs");
    const suites = field("Suites");
    if (!uris || !suites) return { error: `E: Malformed stanza 1 in source list ${file} (${uris ? "Suites" : "URI"})\nE: The list of sources could not be read.\n` };
    if (!types.split(/\s+/).includes("deb")) continue;
    for (const uri of uris.split(/\s+/)) for (const suite of suites.split(/\s+/)) entries.push({ file, uri: uri.replace(/\/+$/, ""), suite, signedBy: field("Signed-By") });
  }
  return { entries };
}

/** Every configured repository (the image's own included), or apt's error for a broken file. */
export function configuredSources(host: Host): SourcesResult {
  const files = new HostFiles(host, "root");
  const dir = "/etc/apt/sources.list.d";
  const listed = files.list(dir);
  const paths = ["/etc/apt/sources.list", ...(Array.isArray(listed) ? listed.map((n) => `${dir}/${n}`) : [])];
  const entries: SourceEntry[] = [];
  for (const path of paths) {
    if (files.kind(path) !== "file") continue;
    const text = String(files.read(path));
    // apt reads only these names; others are skipped with a notice it prints itself (not emulated).
    const read = path.endsWith(".sources") ? deb822(path, text) : path.endsWith(".list") ? oneLine(path, text) : { entries: [] };
    if ("error" in read) return read;
    entries.push(...read.entries);
  }
  return { entries };
}

/** The third-party repositories a set of sources names. */
export function reposNamed(entries: SourceEntry[]): { repo: ThirdPartyRepo; entry: SourceEntry }[] {
  const out: { repo: ThirdPartyRepo; entry: SourceEntry }[] = [];
  for (const entry of entries) {
    const repo = THIRD_PARTY_REPOS.find((r) => entry.uri === r.uri || entry.uri.startsWith(`${r.uri}/`) || (r.id === "grafana" && entry.uri.startsWith("https://packages.grafana.com")));
    if (repo && !out.some((o) => o.repo.id === repo.id)) out.push({ repo, entry });
  }
  return out;
}

/** Whether apt can check a repository's signature: its signed-by key exists, or a key sits in trusted.gpg.d. */
export function keyPresent(entry: SourceEntry, host: Host): boolean {
  const files = new HostFiles(host, "root");
  if (entry.signedBy) return files.kind(entry.signedBy) === "file" && files.size(entry.signedBy) > 0;
  const trusted = files.list("/etc/apt/trusted.gpg.d");
  return (Array.isArray(trusted) && trusted.length > 0) || files.kind("/etc/apt/trusted.gpg") === "file";
}
