import { getImage } from "@/lib/catalogue";
import type { VmData } from "../mappers";
import type { SimRecord } from "../store";

/** What a simulated VM says about itself when asked: all of it from its record and the catalogue. */
export interface HostIdentity {
  vmId: string;
  hostname: string;
  provider: string;
  regionKey: string;
  /** `uname -m`. */
  machine: "x86_64" | "aarch64";
  /** `uname -r`. */
  kernel: string;
  os: OsRelease;
  vcpu: number;
  memoryKiB: number;
  /** The root disk, in KiB (specs carry none: a typical 30 GiB root volume). */
  diskKiB: number;
  privateIp: string | null;
  publicIp: string | null;
  /** When it last came up (epoch ms, on the simulator's clock). */
  bootedAt: number;
}

export interface OsRelease {
  id: string;
  name: string;
  versionId: string;
  prettyName: string;
  version: string;
  codename: string | null;
  idLike: string | null;
}

const UBUNTU: Record<string, { point: string; codename: string; title: string; kernel: string }> = {
  "20.04": { point: "20.04.6", codename: "focal", title: "Focal Fossa", kernel: "5.15.0-1067" },
  "22.04": { point: "22.04.5", codename: "jammy", title: "Jammy Jellyfish", kernel: "6.8.0-1021" },
  "24.04": { point: "24.04.2", codename: "noble", title: "Noble Numbat", kernel: "6.8.0-1024" },
  "25.04": { point: "25.04", codename: "plucky", title: "Plucky Puffin", kernel: "6.14.0-1007" },
};
const DEBIAN: Record<string, { codename: string; kernel: string }> = {
  "10": { codename: "buster", kernel: "4.19.0-27-cloud" },
  "11": { codename: "bullseye", kernel: "5.10.0-33-cloud" },
  "12": { codename: "bookworm", kernel: "6.1.0-31-cloud" },
};
/** Ubuntu's cloud images boot a kernel built for their cloud; elsewhere the generic one. */
const KERNEL_FLAVOUR: Record<string, string> = { aws: "aws", azure: "azure", gcp: "gcp", ibm: "generic", alibaba: "generic" };

export const ROOT_DISK_KIB = 30 * 1024 * 1024;

/** Reads an image's OS words ("Ubuntu 22.04", "Debian 12", …) into os-release fields and a kernel. */
export function osOf(osText: string, provider: string, machine: HostIdentity["machine"]): { os: OsRelease; kernel: string } {
  const [family, ...rest] = osText.split(" ");
  const version = rest.join(" ");
  const ubuntu = family === "Ubuntu" ? UBUNTU[version] : undefined;
  if (family === "Ubuntu") {
    const u = ubuntu ?? { point: version, codename: "jammy", title: "", kernel: "6.8.0-1021" };
    const flavour = machine === "aarch64" && provider !== "aws" ? "generic" : (KERNEL_FLAVOUR[provider] ?? "generic");
    const lts = version.endsWith(".04") && Number(version.split(".")[0]) % 2 === 0 ? " LTS" : "";
    return {
      os: {
        id: "ubuntu",
        name: "Ubuntu",
        versionId: version,
        prettyName: `Ubuntu ${u.point}${lts}`,
        version: `${u.point}${lts}${u.title ? ` (${u.title})` : ""}`,
        codename: u.codename,
        idLike: "debian",
      },
      kernel: `${u.kernel}-${flavour}`,
    };
  }
  if (family === "Debian") {
    const d = DEBIAN[version] ?? { codename: "bookworm", kernel: "6.1.0-31-cloud" };
    const arch = machine === "aarch64" ? "arm64" : "amd64";
    return {
      os: { id: "debian", name: "Debian GNU/Linux", versionId: version, prettyName: `Debian GNU/Linux ${version} (${d.codename})`, version: `${version} (${d.codename})`, codename: d.codename, idLike: null },
      kernel: `${d.kernel}-${arch}`,
    };
  }
  // Other images keep their own name; the host still answers as the Linux it was built to mimic.
  const id = family.toLowerCase().replace(/[^a-z0-9]+/g, "");
  return { os: { id, name: osText.replace(/ [\d.]+$/, ""), versionId: version || "1", prettyName: osText, version: version || "1", codename: null, idLike: null }, kernel: "5.14.0-503.el9.x86_64" };
}

/** A VM record's identity: its name, its image's OS and architecture, its spec's size. */
export function identityOf(rec: SimRecord, now: number): HostIdentity {
  const d = rec.data as unknown as VmData;
  const provider = rec.regionKey.split("-")[0];
  const image = getImage(rec.regionKey, d.imageId);
  const machine = image?.architecture === "arm64" ? "aarch64" : "x86_64";
  const { os, kernel } = osOf(image?.os ?? "Ubuntu 22.04", provider, machine);
  // A start or reboot that finished but was not looked at yet is the latest boot.
  const unsettledBoot = rec.pendingOp && rec.opDoneAt !== null && rec.opDoneAt <= now ? rec.opDoneAt : null;
  const lastUp = [...d.history].reverse().find((h) => h.status === "Running");
  return {
    vmId: rec.id,
    hostname: rec.name,
    provider,
    regionKey: rec.regionKey,
    machine,
    kernel,
    os,
    vcpu: Math.max(1, rec.vcpu),
    memoryKiB: Math.round(d.memoryGiB * 1024 * 1024),
    diskKiB: ROOT_DISK_KIB,
    privateIp: rec.privateIp,
    publicIp: rec.publicIp,
    bootedAt: unsettledBoot ?? lastUp?.at ?? rec.createdAt,
  };
}

/** The provider state a record is in now: an operation whose time has come has finished, even if nobody looked yet. */
export function currentState(rec: SimRecord, now: number): string {
  if (rec.pendingOp && rec.opDoneAt !== null && rec.opDoneAt <= now) return rec.opOutcome ?? "running";
  return rec.status;
}
