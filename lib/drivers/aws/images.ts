import { DescribeImagesCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { GetParametersCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { InvalidArgumentError } from "@/lib/core/errors";
import type { Image } from "@/lib/core/types";
import { ec2Call } from "./errors";

/** An Ubuntu LTS release Barista offers, and where Canonical publishes its current AMI in each region. */
interface UbuntuRelease {
  version: string;
  codename: string;
  isDefault: boolean;
}

export const UBUNTU_RELEASES: readonly UbuntuRelease[] = [
  { version: "24.04", codename: "noble", isDefault: true },
  { version: "22.04", codename: "jammy", isDefault: false },
];

/** Canonical's public SSM parameter holding the current amd64 gp3 AMI of a release, per region. */
export function ubuntuParameter(version: string): string {
  return `/aws/service/canonical/ubuntu/server/${version}/stable/current/amd64/hvm/ebs-gp3/ami-id`;
}

/** Canonical's AWS account: images named like theirs from anyone else are not trusted. */
export const CANONICAL_OWNER = "099720109477";

/** The current Ubuntu images of the region, newest release first and the default. */
export async function currentUbuntuImages(ssm: SSMClient, region: string): Promise<Image[]> {
  const out = await ec2Call("GetParameters (Ubuntu images)", () => ssm.send(new GetParametersCommand({ Names: UBUNTU_RELEASES.map((r) => ubuntuParameter(r.version)) })));
  const byName = new Map((out.Parameters ?? []).map((p) => [p.Name, p.Value]));
  const images: Image[] = [];
  for (const r of UBUNTU_RELEASES) {
    const ami = byName.get(ubuntuParameter(r.version));
    if (!ami) continue; // a release not published in this region
    images.push({
      id: ami,
      name: `Ubuntu ${r.version} LTS (${r.codename})`,
      os: `Ubuntu ${r.version}`,
      architecture: "x86_64",
      description: `Canonical, Ubuntu ${r.version} LTS amd64 ${r.codename}, current build in ${region} (SSM ${ubuntuParameter(r.version)})`,
      isDefault: r.isDefault,
    });
  }
  // If the default release is missing here, the newest one present becomes the default.
  if (images.length && !images.some((i) => i.isDefault)) images[0] = { ...images[0], isDefault: true };
  return images;
}

/**
 * The AMI to boot for an image id. An `ami-…` id is used as is. Anything else is an image name, as
 * the catalogue holds them (`ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-…`): a name
 * of an Ubuntu release boots that release's current build (the catalogue's dated builds age, and
 * a new VM should start patched); any other name is looked up among Canonical's images.
 */
export async function resolveImageId(clients: { ssm: SSMClient; ec2: EC2Client }, region: string, imageId: string): Promise<string> {
  if (/^ami-[0-9a-f]+$/.test(imageId)) return imageId;
  const release = UBUNTU_RELEASES.find((r) => imageId.includes(`ubuntu-${r.codename}-${r.version}-amd64`) || imageId === `ubuntu-${r.version}`);
  if (release) {
    const current = (await currentUbuntuImages(clients.ssm, region)).find((i) => i.os === `Ubuntu ${release.version}`);
    if (current) return current.id;
  }
  const found = await ec2Call(`DescribeImages ${imageId}`, () =>
    clients.ec2.send(new DescribeImagesCommand({ Owners: [CANONICAL_OWNER], Filters: [{ Name: "name", Values: [imageId] }], IncludeDeprecated: true })),
  );
  const ami = found.Images?.[0]?.ImageId;
  if (!ami) throw new InvalidArgumentError(`image "${imageId}" is neither an AMI id (ami-…) nor a Canonical image name in ${region}; list the connection's images and pick one of them`);
  return ami;
}
