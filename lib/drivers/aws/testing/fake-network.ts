import { generateSshKeyPair, sshFingerprint } from "../../ssh-key";
import { cidrContains, cidrSize, cidrsOverlap, parseCidr } from "../../sim/network";
import { ACCOUNT_ID, ec2Error, FakeState, matchesFilters, newId, tagsFor, type FakeGroup, type FakePermission } from "./fake-state";

const LIVE = new Set(["pending", "running", "stopping", "stopped", "shutting-down"]);

function liveInstances(s: FakeState) {
  return [...s.instances.values()].filter((i) => LIVE.has(i.data.State.Name));
}

function mustVpc(s: FakeState, id: string) {
  const vpc = s.vpcs.get(id);
  if (!vpc) throw ec2Error("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
  return vpc;
}

function validCidr(text: string) {
  try {
    return parseCidr(text);
  } catch {
    throw ec2Error("InvalidParameterValue", `Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  }
}

function toPermission(p: any): FakePermission {
  const all = p.IpProtocol === "-1";
  return {
    IpProtocol: p.IpProtocol,
    ...(all ? {} : { FromPort: p.FromPort, ToPort: p.ToPort }),
    IpRanges: (p.IpRanges ?? []).map((r: any) => ({ CidrIp: r.CidrIp })),
    Ipv6Ranges: (p.Ipv6Ranges ?? []).map((r: any) => ({ CidrIpv6: r.CidrIpv6 })),
    UserIdGroupPairs: [],
    PrefixListIds: [],
  };
}

const samePermission = (a: FakePermission, b: FakePermission) => JSON.stringify(a) === JSON.stringify(b);

function mustGroup(s: FakeState, id: string): FakeGroup {
  const g = s.groups.get(id);
  if (!g) throw ec2Error("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
  return g;
}

/** The network half of the fake: VPCs, subnets, gateways, route tables, security groups and key pairs. */
export function networkHandlers(s: FakeState): Record<string, (input: any) => unknown> {
  return {
    CreateVpc(input) {
      const cidr = validCidr(input.CidrBlock);
      if (cidr.prefix < 16 || cidr.prefix > 28) throw ec2Error("InvalidVpc.Range", `The CIDR '${input.CidrBlock}' is invalid.`);
      const VpcId = newId("vpc");
      const vpc = {
        VpcId,
        CidrBlock: input.CidrBlock,
        State: "available" as const,
        IsDefault: false,
        InstanceTenancy: "default" as const,
        DhcpOptionsId: newId("dopt"),
        OwnerId: ACCOUNT_ID,
        Tags: tagsFor(input.TagSpecifications, "vpc"),
        CidrBlockAssociationSet: [{ AssociationId: newId("vpc-cidr-assoc"), CidrBlock: input.CidrBlock, CidrBlockState: { State: "associated" as const } }],
      };
      s.vpcs.set(VpcId, vpc);
      // EC2 gives every VPC a main route table and a default security group.
      const RouteTableId = newId("rtb");
      s.routeTables.set(RouteTableId, {
        RouteTableId,
        VpcId,
        OwnerId: ACCOUNT_ID,
        Associations: [{ Main: true, RouteTableAssociationId: newId("rtbassoc"), RouteTableId, AssociationState: { State: "associated" } }],
        Routes: [{ DestinationCidrBlock: input.CidrBlock, GatewayId: "local", Origin: "CreateRouteTable", State: "active" }],
        Tags: [],
      });
      const GroupId = newId("sg");
      s.groups.set(GroupId, {
        GroupId,
        GroupName: "default",
        Description: "default VPC security group",
        VpcId,
        OwnerId: ACCOUNT_ID,
        SecurityGroupArn: `arn:aws:ec2:${s.region}:${ACCOUNT_ID}:security-group/${GroupId}`,
        IpPermissions: [],
        IpPermissionsEgress: [toPermission({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] })],
        Tags: [],
      });
      return { Vpc: { ...vpc, State: "pending" } };
    },
    DescribeVpcs(input) {
      for (const id of input.VpcIds ?? []) mustVpc(s, id);
      const Vpcs = [...s.vpcs.values()].filter(
        (v) => (!input.VpcIds || input.VpcIds.includes(v.VpcId)) && matchesFilters(input.Filters, { "vpc-id": [v.VpcId], "cidr-block": [v.CidrBlock], state: [v.State] }, v.Tags),
      );
      return { Vpcs };
    },
    DeleteVpc(input) {
      mustVpc(s, input.VpcId);
      const id = input.VpcId;
      const busy =
        [...s.subnets.values()].some((x) => x.VpcId === id) ||
        [...s.gateways.values()].some((g) => g.Attachments.some((a) => a.VpcId === id)) ||
        [...s.groups.values()].some((g) => g.VpcId === id && g.GroupName !== "default");
      if (busy) throw ec2Error("DependencyViolation", `The vpc '${id}' has dependencies and cannot be deleted.`);
      s.vpcs.delete(id);
      for (const [k, t] of s.routeTables) if (t.VpcId === id) s.routeTables.delete(k);
      for (const [k, g] of s.groups) if (g.VpcId === id) s.groups.delete(k);
      return {};
    },
    CreateSubnet(input) {
      const vpc = mustVpc(s, input.VpcId);
      const sc = validCidr(input.CidrBlock);
      if (!cidrContains(parseCidr(vpc.CidrBlock), sc) || sc.prefix > 28) throw ec2Error("InvalidSubnet.Range", `The CIDR '${input.CidrBlock}' is invalid.`);
      if ([...s.subnets.values()].some((x) => x.VpcId === vpc.VpcId && cidrsOverlap(parseCidr(x.CidrBlock), sc))) {
        throw ec2Error("InvalidSubnet.Conflict", `The CIDR '${input.CidrBlock}' conflicts with another subnet`);
      }
      const zone = input.AvailabilityZone ?? s.zones[0];
      if (!s.zones.includes(zone)) throw ec2Error("InvalidParameterValue", `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${s.zones.join(", ")}.`);
      const SubnetId = newId("subnet");
      const subnet = {
        SubnetId,
        SubnetArn: `arn:aws:ec2:${s.region}:${ACCOUNT_ID}:subnet/${SubnetId}`,
        VpcId: vpc.VpcId,
        CidrBlock: input.CidrBlock,
        AvailabilityZone: zone,
        AvailabilityZoneId: `use1-az${s.zones.indexOf(zone) + 1}`,
        AvailableIpAddressCount: cidrSize(sc) - 5,
        DefaultForAz: false,
        MapPublicIpOnLaunch: false,
        State: "available" as const,
        OwnerId: ACCOUNT_ID,
        Tags: tagsFor(input.TagSpecifications, "subnet"),
      };
      s.subnets.set(SubnetId, subnet);
      return { Subnet: { ...subnet, State: "pending" } };
    },
    ModifySubnetAttribute(input) {
      const subnet = s.subnets.get(input.SubnetId);
      if (!subnet) throw ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${input.SubnetId}' does not exist`);
      if (input.MapPublicIpOnLaunch) subnet.MapPublicIpOnLaunch = Boolean(input.MapPublicIpOnLaunch.Value);
      return {};
    },
    DescribeSubnets(input) {
      const Subnets = [...s.subnets.values()].filter(
        (x) => (!input.SubnetIds || input.SubnetIds.includes(x.SubnetId)) && matchesFilters(input.Filters, { "vpc-id": [x.VpcId], "subnet-id": [x.SubnetId], "availability-zone": [x.AvailabilityZone] }, x.Tags),
      );
      return { Subnets };
    },
    DeleteSubnet(input) {
      if (!s.subnets.has(input.SubnetId)) throw ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${input.SubnetId}' does not exist`);
      if (liveInstances(s).some((i) => i.data.SubnetId === input.SubnetId)) throw ec2Error("DependencyViolation", `The subnet '${input.SubnetId}' has dependencies and cannot be deleted.`);
      s.subnets.delete(input.SubnetId);
      return {};
    },
    CreateInternetGateway(input) {
      const InternetGatewayId = newId("igw");
      const igw = { InternetGatewayId, OwnerId: ACCOUNT_ID, Attachments: [], Tags: tagsFor(input.TagSpecifications, "internet-gateway") };
      s.gateways.set(InternetGatewayId, igw);
      return { InternetGateway: igw };
    },
    AttachInternetGateway(input) {
      const igw = s.gateways.get(input.InternetGatewayId);
      if (!igw) throw ec2Error("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${input.InternetGatewayId}' does not exist`);
      mustVpc(s, input.VpcId);
      if (igw.Attachments.length) throw ec2Error("Resource.AlreadyAssociated", `resource ${input.InternetGatewayId} is already attached to network ${igw.Attachments[0].VpcId}`);
      igw.Attachments.push({ VpcId: input.VpcId, State: "available" });
      return {};
    },
    DescribeInternetGateways(input) {
      const InternetGateways = [...s.gateways.values()].filter((g) =>
        matchesFilters(input.Filters, { "attachment.vpc-id": g.Attachments.map((a) => a.VpcId), "internet-gateway-id": [g.InternetGatewayId] }, g.Tags),
      );
      return { InternetGateways };
    },
    DetachInternetGateway(input) {
      const igw = s.gateways.get(input.InternetGatewayId);
      if (!igw) throw ec2Error("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${input.InternetGatewayId}' does not exist`);
      if (liveInstances(s).some((i) => i.data.VpcId === input.VpcId && i.data.PublicIpAddress)) {
        throw ec2Error("DependencyViolation", `Network ${input.VpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
      }
      igw.Attachments = igw.Attachments.filter((a) => a.VpcId !== input.VpcId);
      return {};
    },
    DeleteInternetGateway(input) {
      const igw = s.gateways.get(input.InternetGatewayId);
      if (!igw) throw ec2Error("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${input.InternetGatewayId}' does not exist`);
      if (igw.Attachments.length) throw ec2Error("DependencyViolation", `The internetGateway '${input.InternetGatewayId}' has dependencies and cannot be deleted.`);
      s.gateways.delete(input.InternetGatewayId);
      return {};
    },
    DescribeRouteTables(input) {
      const RouteTables = [...s.routeTables.values()].filter((t) =>
        matchesFilters(input.Filters, { "vpc-id": [t.VpcId], "association.main": t.Associations.map((a) => String(a.Main)), "route-table-id": [t.RouteTableId] }, t.Tags),
      );
      return { RouteTables };
    },
    CreateRoute(input) {
      const table = s.routeTables.get(input.RouteTableId);
      if (!table) throw ec2Error("InvalidRouteTableID.NotFound", `The routeTable ID '${input.RouteTableId}' does not exist`);
      if (!s.gateways.get(input.GatewayId)?.Attachments.some((a) => a.VpcId === table.VpcId)) {
        throw ec2Error("InvalidParameterValue", `route table ${input.RouteTableId} and network gateway ${input.GatewayId} belong to different networks`);
      }
      table.Routes.push({ DestinationCidrBlock: input.DestinationCidrBlock, GatewayId: input.GatewayId, Origin: "CreateRoute", State: "active" });
      return { Return: true };
    },
    CreateSecurityGroup(input) {
      mustVpc(s, input.VpcId);
      if ([...s.groups.values()].some((g) => g.VpcId === input.VpcId && g.GroupName === input.GroupName)) {
        throw ec2Error("InvalidGroup.Duplicate", `The security group '${input.GroupName}' already exists for VPC '${input.VpcId}'`);
      }
      const GroupId = newId("sg");
      s.groups.set(GroupId, {
        GroupId,
        GroupName: input.GroupName,
        Description: input.Description,
        VpcId: input.VpcId,
        OwnerId: ACCOUNT_ID,
        SecurityGroupArn: `arn:aws:ec2:${s.region}:${ACCOUNT_ID}:security-group/${GroupId}`,
        IpPermissions: [],
        IpPermissionsEgress: [toPermission({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] })],
        Tags: tagsFor(input.TagSpecifications, "security-group"),
      });
      return { GroupId, SecurityGroupArn: s.groups.get(GroupId)!.SecurityGroupArn };
    },
    AuthorizeSecurityGroupIngress: (input) => authorize(s, input, "IpPermissions"),
    AuthorizeSecurityGroupEgress: (input) => authorize(s, input, "IpPermissionsEgress"),
    RevokeSecurityGroupEgress(input) {
      const g = mustGroup(s, input.GroupId);
      for (const p of (input.IpPermissions ?? []).map(toPermission)) {
        const before = g.IpPermissionsEgress.length;
        g.IpPermissionsEgress = g.IpPermissionsEgress.filter((x) => !samePermission(x, p));
        if (g.IpPermissionsEgress.length === before) throw ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
      }
      return { Return: true };
    },
    DescribeSecurityGroups(input) {
      for (const id of input.GroupIds ?? []) mustGroup(s, id);
      const SecurityGroups = [...s.groups.values()].filter(
        (g) => (!input.GroupIds || input.GroupIds.includes(g.GroupId)) && matchesFilters(input.Filters, { "vpc-id": [g.VpcId], "group-name": [g.GroupName], "group-id": [g.GroupId] }, g.Tags),
      );
      return { SecurityGroups };
    },
    DeleteSecurityGroup(input) {
      const g = mustGroup(s, input.GroupId);
      if (g.GroupName === "default") throw ec2Error("CannotDelete", "the specified group: \"default\" name: \"default\" cannot be deleted by a user");
      if (liveInstances(s).some((i) => (i.data.SecurityGroups as { GroupId: string }[]).some((x) => x.GroupId === g.GroupId))) {
        throw ec2Error("DependencyViolation", `resource ${g.GroupId} has a dependent object`);
      }
      s.groups.delete(g.GroupId);
      return { Return: true, GroupId: g.GroupId };
    },
    ImportKeyPair(input) {
      const publicKey = new TextDecoder().decode(input.PublicKeyMaterial).trim();
      const fp = sshFingerprint(publicKey);
      if (!fp) throw ec2Error("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
      return addKey(s, input.KeyName, publicKey, fp, tagsFor(input.TagSpecifications, "key-pair"));
    },
    CreateKeyPair(input) {
      const made = generateSshKeyPair(input.KeyName);
      const info = addKey(s, input.KeyName, made.publicKey, made.fingerprint, tagsFor(input.TagSpecifications, "key-pair"));
      return { ...info, KeyMaterial: made.privateKey };
    },
    DescribeKeyPairs(input) {
      for (const name of input.KeyNames ?? []) if (!s.keyPairs.has(name)) throw ec2Error("InvalidKeyPair.NotFound", `The key pair '${name}' does not exist`);
      const KeyPairs = [...s.keyPairs.values()]
        .filter((k) => (!input.KeyNames || input.KeyNames.includes(k.KeyName)) && matchesFilters(input.Filters, { "key-name": [k.KeyName], "key-pair-id": [k.KeyPairId] }, k.Tags))
        .map(({ PublicKey, ...k }) => (input.IncludePublicKey ? { ...k, PublicKey } : k));
      return { KeyPairs };
    },
    DeleteKeyPair(input) {
      s.keyPairs.delete(input.KeyName);
      return { Return: true };
    },
  };
}

function authorize(s: FakeState, input: any, side: "IpPermissions" | "IpPermissionsEgress") {
  const g = mustGroup(s, input.GroupId);
  const perms: FakePermission[] = (input.IpPermissions ?? []).map(toPermission);
  // EC2 takes a call's permissions all or none: a duplicate refuses the whole call.
  for (const p of perms) {
    if (!["tcp", "udp", "icmp", "-1"].includes(p.IpProtocol)) throw ec2Error("InvalidParameterValue", `Invalid value '${p.IpProtocol}' for IP protocol. Unknown protocol.`);
    for (const r of p.IpRanges) validCidr(r.CidrIp);
    if (g[side].some((x) => samePermission(x, p))) throw ec2Error("InvalidPermission.Duplicate", `the specified rule "peer: ${p.IpRanges[0]?.CidrIp ?? "?"}, ${p.IpProtocol.toUpperCase()}, from port: ${p.FromPort}, to port: ${p.ToPort}, ALLOW" already exists`);
  }
  g[side].push(...perms);
  return { Return: true };
}

function addKey(s: FakeState, KeyName: string, PublicKey: string, fingerprint: string, Tags: { Key?: string; Value?: string }[]) {
  if (s.keyPairs.has(KeyName)) throw ec2Error("InvalidKeyPair.Duplicate", `The keypair already exists`);
  const key = { KeyPairId: newId("key"), KeyName, KeyFingerprint: fingerprint.replace(/^SHA256:/, "") + "=", KeyType: "ed25519" as const, PublicKey, CreateTime: s.now(), Tags };
  s.keyPairs.set(KeyName, key);
  const { KeyPairId, KeyFingerprint } = key;
  return { KeyName, KeyPairId, KeyFingerprint, Tags };
}
