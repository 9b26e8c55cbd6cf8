import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  RevokeSecurityGroupEgressCommand,
  type SecurityGroup as Ec2SecurityGroup,
} from "@aws-sdk/client-ec2";
import { InvalidArgumentError, isCloudError, NotFoundError } from "@/lib/core/errors";
import { sameRule } from "../security-rules";
import { parseCidr } from "../sim/network";
import type { CreateSecurityGroupRequest, ListFilter, SecurityGroup, SecurityRule } from "../types";
import { ec2Call } from "./errors";
import { tagFilters, toEc2Tags, toIpPermission, toSecurityGroup } from "./mappers";

/** EC2 gives every new group an allow-all egress rule; Barista's groups hold exactly the rules asked for. */
const DEFAULT_EGRESS = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

function checkRules(req: CreateSecurityGroupRequest): void {
  for (const r of req.rules) {
    if (!r.cidr.includes(":")) parseCidr(r.cidr);
    if (r.protocol !== "all" && r.protocol !== "icmp" && (r.fromPort < 0 || r.toPort > 65535 || r.fromPort > r.toPort)) {
      throw new InvalidArgumentError(`rule port range ${r.fromPort}-${r.toPort} is not a range of ports 0-65535`);
    }
  }
}

export async function createSecurityGroup(ec2: EC2Client, req: CreateSecurityGroupRequest): Promise<SecurityGroup> {
  checkRules(req);
  const made = await ec2Call(`CreateSecurityGroup ${req.name}`, () =>
    ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: req.name,
        Description: `Barista security group ${req.name}`,
        VpcId: req.vNetId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: toEc2Tags(req.name, req.tags) }],
      }),
    ),
  );
  const GroupId = made.GroupId!;
  const inbound = req.rules.filter((r) => r.direction === "inbound").map(toIpPermission);
  const outbound = req.rules.filter((r) => r.direction === "outbound").map(toIpPermission);
  try {
    if (inbound.length) await ec2Call("AuthorizeSecurityGroupIngress", () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: inbound })));
    const keepsDefault = outbound.some((p) => p.IpProtocol === "-1" && p.IpRanges?.[0]?.CidrIp === "0.0.0.0/0");
    const extra = outbound.filter((p) => !(p.IpProtocol === "-1" && p.IpRanges?.[0]?.CidrIp === "0.0.0.0/0"));
    if (!keepsDefault) await ec2Call("RevokeSecurityGroupEgress", () => ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [DEFAULT_EGRESS] })));
    if (extra.length) await ec2Call("AuthorizeSecurityGroupEgress", () => ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: extra })));
  } catch (e) {
    // A group without the rules asked for is worse than none: the caller tries again from scratch.
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId })).catch(() => undefined);
    throw e;
  }
  return getSecurityGroup(ec2, GroupId);
}

export async function getSecurityGroup(ec2: EC2Client, id: string): Promise<SecurityGroup> {
  const out = await ec2Call(`DescribeSecurityGroups ${id}`, () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })));
  const g = out.SecurityGroups?.[0];
  if (!g) throw new NotFoundError(`security group ${id} does not exist in this region`);
  return toSecurityGroup(g);
}

export async function listSecurityGroups(ec2: EC2Client, filter?: ListFilter): Promise<SecurityGroup[]> {
  const groups: Ec2SecurityGroup[] = [];
  let NextToken: string | undefined;
  do {
    const filters = tagFilters(filter?.tags);
    const out = await ec2Call("DescribeSecurityGroups", () => ec2.send(new DescribeSecurityGroupsCommand({ ...(filters.length ? { Filters: filters } : {}), NextToken })));
    groups.push(...(out.SecurityGroups ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return groups.map(toSecurityGroup);
}

export async function deleteSecurityGroup(ec2: EC2Client, id: string): Promise<void> {
  await ec2Call(`DeleteSecurityGroup ${id}`, () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
}

/**
 * Authorizes the rules the group lacks, one call per rule: EC2 refuses a whole call when one of its
 * permissions exists, so a rule another caller added meanwhile (InvalidPermission.Duplicate) is
 * skipped without losing the others.
 */
export async function addSecurityRules(ec2: EC2Client, id: string, rules: SecurityRule[]): Promise<SecurityGroup> {
  checkRules({ name: id, vNetId: "", rules });
  const group = await getSecurityGroup(ec2, id);
  const have = group.rules;
  const missing = rules.filter((r, i) => !have.some((h) => sameRule(h, r)) && rules.findIndex((o) => sameRule(o, r)) === i);
  for (const r of missing) {
    const IpPermissions = [toIpPermission(r)];
    try {
      if (r.direction === "inbound") await ec2Call(`AuthorizeSecurityGroupIngress ${id}`, () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions })));
      else await ec2Call(`AuthorizeSecurityGroupEgress ${id}`, () => ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpPermissions })));
    } catch (e) {
      if (!(isCloudError(e) && e.code === "Conflict" && e.message.includes("InvalidPermission.Duplicate"))) throw e;
    }
  }
  return missing.length ? getSecurityGroup(ec2, id) : group;
}
