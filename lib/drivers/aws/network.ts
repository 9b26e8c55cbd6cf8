import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  ModifySubnetAttributeCommand,
  type Subnet as Ec2Subnet,
  type Vpc,
} from "@aws-sdk/client-ec2";
import { ConflictError, InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import { cidrContains, cidrsOverlap, parseCidr } from "../sim/network";
import type { CreateVNetRequest, ListFilter, VNet } from "../types";
import { ec2Call } from "./errors";
import { tagFilters, toEc2Tags, toVNet } from "./mappers";

/** States in which an instance still holds addresses in its subnet. */
export const LIVE_INSTANCE_STATES = ["pending", "running", "stopping", "stopped", "shutting-down"];

/** Checks a request the way EC2 would, before anything is made, so a refusal leaves nothing behind. */
function checkVNetRequest(req: CreateVNetRequest, zones: readonly string[]): void {
  const cidr = parseCidr(req.cidr);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new InvalidArgumentError(`vNet CIDR ${req.cidr} must have a prefix between /16 and /28 (EC2's limits for a VPC)`);
  const seen: { name: string; cidr: string }[] = [];
  for (const s of req.subnets) {
    const sc = parseCidr(s.cidr);
    if (sc.prefix > 28) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) must be /28 or larger`);
    if (!cidrContains(cidr, sc)) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) is not inside the vNet's ${req.cidr}`);
    const clash = seen.find((o) => cidrsOverlap(parseCidr(o.cidr), sc));
    if (clash) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) overlaps subnet ${clash.name} (${clash.cidr})`);
    if (s.zone && zones.length && !zones.includes(s.zone)) throw new InvalidArgumentError(`zone ${s.zone} is not in this region; its zones are ${zones.join(", ")}`);
    seen.push(s);
  }
}

async function subnetsOf(ec2: EC2Client, vpcIds: string[]): Promise<Ec2Subnet[]> {
  if (!vpcIds.length) return [];
  const out = await ec2Call("DescribeSubnets", () => ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: vpcIds }] })));
  return out.Subnets ?? [];
}

export async function describeVpc(ec2: EC2Client, id: string): Promise<Vpc> {
  const out = await ec2Call(`DescribeVpcs ${id}`, () => ec2.send(new DescribeVpcsCommand({ VpcIds: [id] })));
  const vpc = out.Vpcs?.[0];
  if (!vpc) throw new NotFoundError(`vNet ${id} does not exist in this region`);
  return vpc;
}

export async function getVNet(ec2: EC2Client, id: string): Promise<VNet> {
  const vpc = await describeVpc(ec2, id);
  return toVNet(vpc, await subnetsOf(ec2, [id]));
}

export async function listVNets(ec2: EC2Client, filter?: ListFilter): Promise<VNet[]> {
  const vpcs: Vpc[] = [];
  let NextToken: string | undefined;
  do {
    const filters = tagFilters(filter?.tags);
    const out = await ec2Call("DescribeVpcs", () => ec2.send(new DescribeVpcsCommand({ ...(filters.length ? { Filters: filters } : {}), NextToken })));
    vpcs.push(...(out.Vpcs ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  const subnets = await subnetsOf(ec2, vpcs.map((v) => v.VpcId!));
  return vpcs.map((v) => toVNet(v, subnets));
}

/**
 * A VPC with its subnets, made reachable: an internet gateway and a default route in the VPC's main
 * route table, and public addresses on launch in every subnet, so Barista can log in to its VMs.
 * EC2 does not make VPC names unique; Barista does (as the other clouds do), so a retry after a
 * lost reply cannot make a second network. A failure part way removes what was made.
 */
export async function createVNet(ec2: EC2Client, req: CreateVNetRequest, zones: readonly string[]): Promise<VNet> {
  checkVNetRequest(req, zones);
  const clash = await ec2Call("DescribeVpcs", () => ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: [req.name] }] })));
  if (clash.Vpcs?.length) throw new ConflictError(`a vNet named "${req.name}" already exists in this region (${clash.Vpcs[0].VpcId})`);

  const made = await ec2Call("CreateVpc", () => ec2.send(new CreateVpcCommand({ CidrBlock: req.cidr, TagSpecifications: [{ ResourceType: "vpc", Tags: toEc2Tags(req.name, req.tags) }] })));
  const vpcId = made.Vpc?.VpcId;
  if (!vpcId) throw new InvalidArgumentError(`CreateVpc ${req.cidr} answered no VPC id`);
  try {
    const igw = await ec2Call("CreateInternetGateway", () =>
      ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: "internet-gateway", Tags: toEc2Tags(`${req.name}-igw`, req.tags) }] })),
    );
    const igwId = igw.InternetGateway!.InternetGatewayId!;
    await ec2Call("AttachInternetGateway", () => ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })));
    const tables = await ec2Call("DescribeRouteTables", () =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }, { Name: "association.main", Values: ["true"] }] })),
    );
    const main = tables.RouteTables?.[0]?.RouteTableId;
    if (main) await ec2Call("CreateRoute", () => ec2.send(new CreateRouteCommand({ RouteTableId: main, DestinationCidrBlock: "0.0.0.0/0", GatewayId: igwId })));
    const subnets: Ec2Subnet[] = [];
    for (const s of req.subnets) {
      const out = await ec2Call(`CreateSubnet ${s.cidr}`, () =>
        ec2.send(
          new CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: s.cidr,
            ...(s.zone ? { AvailabilityZone: s.zone } : {}),
            TagSpecifications: [{ ResourceType: "subnet", Tags: toEc2Tags(s.name, req.tags) }],
          }),
        ),
      );
      const subnet = out.Subnet!;
      await ec2Call("ModifySubnetAttribute", () => ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId, MapPublicIpOnLaunch: { Value: true } })));
      subnets.push(subnet);
    }
    return toVNet({ ...made.Vpc!, Tags: made.Vpc!.Tags ?? toEc2Tags(req.name, req.tags) }, subnets);
  } catch (e) {
    await removeVpc(ec2, vpcId).catch(() => undefined);
    throw e;
  }
}

/**
 * Deletes a vNet with its subnets and internet gateway. It refuses, changing nothing, while a VM or
 * a security group of Barista's still uses it, as EC2's DependencyViolation would part way through.
 */
export async function deleteVNet(ec2: EC2Client, id: string): Promise<void> {
  await describeVpc(ec2, id);
  const vms = await ec2Call("DescribeInstances", () =>
    ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: "vpc-id", Values: [id] }, { Name: "instance-state-name", Values: LIVE_INSTANCE_STATES }] })),
  );
  const vm = vms.Reservations?.flatMap((r) => r.Instances ?? [])[0];
  if (vm) throw new ConflictError(`DependencyViolation: VM ${vm.InstanceId} (${vm.State?.Name}) still uses vNet ${id}; terminate it first`);
  const groups = await ec2Call("DescribeSecurityGroups", () => ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "vpc-id", Values: [id] }] })));
  const group = groups.SecurityGroups?.find((g) => g.GroupName !== "default");
  if (group) throw new ConflictError(`DependencyViolation: vNet ${id} still has security group ${group.GroupId}; delete it first`);
  await removeVpc(ec2, id);
}

async function removeVpc(ec2: EC2Client, id: string): Promise<void> {
  for (const s of await subnetsOf(ec2, [id])) await ec2Call(`DeleteSubnet ${s.SubnetId}`, () => ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId })));
  const igws = await ec2Call("DescribeInternetGateways", () => ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: "attachment.vpc-id", Values: [id] }] })));
  for (const g of igws.InternetGateways ?? []) {
    await ec2Call("DetachInternetGateway", () => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId, VpcId: id })));
    await ec2Call("DeleteInternetGateway", () => ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId })));
  }
  // The main route table (with the route to the gateway) goes with the VPC.
  await ec2Call(`DeleteVpc ${id}`, () => ec2.send(new DeleteVpcCommand({ VpcId: id })));
}
