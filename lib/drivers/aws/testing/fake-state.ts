import { randomBytes } from "node:crypto";
import { EC2ServiceException, type Filter, type Tag } from "@aws-sdk/client-ec2";
import type { Clock } from "@/lib/core/clock";

/**
 * What the fake EC2 account holds, and the helpers every part of it shares. The answers it gives
 * are shaped field by field like EC2's (as the SDK parses them), recorded from the API reference's
 * examples; the errors carry EC2's codes and messages.
 */
export const ACCOUNT_ID = "123456789012";

export function ec2Error(code: string, message: string, status = 400): EC2ServiceException {
  return new EC2ServiceException({ name: code, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, requestId: randomBytes(8).toString("hex") }, message });
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

export function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === "Name")?.Value;
}

export function tagsFor(specs: { ResourceType?: string; Tags?: Tag[] }[] | undefined, type: string): Tag[] {
  return (specs ?? []).filter((s) => s.ResourceType === type).flatMap((s) => s.Tags ?? []);
}

/**
 * EC2's Filters: every filter must match (AND), any of its values may (OR). A filter name the
 * resource does not know is refused, as EC2 refuses it, so a driver's typo fails a test.
 */
export function matchesFilters(filters: Filter[] | undefined, fields: Record<string, (string | undefined)[]>, tags: Tag[] | undefined): boolean {
  for (const f of filters ?? []) {
    const name = f.Name ?? "";
    const values = f.Values ?? [];
    let have: (string | undefined)[];
    if (name.startsWith("tag:")) have = (tags ?? []).filter((t) => t.Key === name.slice(4)).map((t) => t.Value);
    else if (name === "tag-key") have = (tags ?? []).map((t) => t.Key);
    else if (name in fields) have = fields[name];
    else throw ec2Error("InvalidParameterValue", `The filter '${name}' is invalid`);
    if (!have.some((v) => v !== undefined && values.includes(v))) return false;
  }
  return true;
}

export class FakeState {
  readonly vpcs = new Map<string, FakeVpc>();
  readonly subnets = new Map<string, FakeSubnet>();
  readonly gateways = new Map<string, FakeGateway>();
  readonly routeTables = new Map<string, FakeRouteTable>();
  readonly groups = new Map<string, FakeGroup>();
  readonly keyPairs = new Map<string, FakeKeyPair>();
  readonly instances = new Map<string, FakeInstance>();

  constructor(
    readonly clock: Clock,
    readonly region: string,
    readonly zones: string[],
  ) {}

  now(): Date {
    return new Date(this.clock.now());
  }
}

export interface FakeVpc {
  VpcId: string;
  CidrBlock: string;
  State: "available";
  IsDefault: boolean;
  InstanceTenancy: "default";
  DhcpOptionsId: string;
  OwnerId: string;
  Tags: Tag[];
  CidrBlockAssociationSet: { AssociationId: string; CidrBlock: string; CidrBlockState: { State: "associated" } }[];
}

export interface FakeSubnet {
  SubnetId: string;
  SubnetArn: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  AvailableIpAddressCount: number;
  DefaultForAz: boolean;
  MapPublicIpOnLaunch: boolean;
  State: "available";
  OwnerId: string;
  Tags: Tag[];
}

export interface FakeGateway {
  InternetGatewayId: string;
  OwnerId: string;
  Attachments: { VpcId: string; State: "available" }[];
  Tags: Tag[];
}

export interface FakeRouteTable {
  RouteTableId: string;
  VpcId: string;
  OwnerId: string;
  Associations: { Main: boolean; RouteTableAssociationId: string; RouteTableId: string; AssociationState: { State: "associated" } }[];
  Routes: { DestinationCidrBlock: string; GatewayId: string; Origin: string; State: "active" }[];
  Tags: Tag[];
}

export interface FakePermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string }[];
  Ipv6Ranges: { CidrIpv6: string }[];
  UserIdGroupPairs: never[];
  PrefixListIds: never[];
}

export interface FakeGroup {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  OwnerId: string;
  SecurityGroupArn: string;
  IpPermissions: FakePermission[];
  IpPermissionsEgress: FakePermission[];
  Tags: Tag[];
}

export interface FakeKeyPair {
  KeyPairId: string;
  KeyName: string;
  KeyFingerprint: string;
  KeyType: "ed25519" | "rsa";
  PublicKey: string;
  CreateTime: Date;
  Tags: Tag[];
}

export interface FakeInstance {
  /** The instance as DescribeInstances answers it. */
  data: Record<string, unknown> & { InstanceId: string; State: { Code: number; Name: string }; Tags: Tag[]; SubnetId: string; VpcId: string };
  reservationId: string;
  clientToken?: string;
  /** What the instance becomes, and when: EC2's transitions take time. */
  next?: { state: string; at: number };
  /** The RunInstances request it came from, to tell a retry from a different call with the same token. */
  request: string;
}
