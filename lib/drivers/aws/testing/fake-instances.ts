import { cidrSize, intToIp, parseCidr } from "../../sim/network";
import { ACCOUNT_ID, ec2Error, type FakeInstance, FakeState, matchesFilters, newId, tagsFor } from "./fake-state";

/** EC2's state codes, as `State.Code` carries them. */
const CODES: Record<string, number> = { pending: 0, running: 16, "shutting-down": 32, terminated: 48, stopping: 64, stopped: 80 };

/** How long the fake's transitions take, about EC2's for a small Linux instance. */
export const FAKE_TIMING_MS = { boot: 20_000, stop: 40_000, start: 20_000, terminate: 30_000 };
/** EC2 keeps showing a terminated instance for about an hour. */
const TERMINATED_VISIBLE_MS = 3_600_000;

const INSTANCE_ID = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

export interface InstanceCatalogue {
  /** Instance types the region offers. */
  types: Set<string>;
  /** AMIs RunInstances accepts. */
  images: Set<string>;
}

/** The compute half of the fake: instances, their lifecycle and their tags. */
export function instanceHandlers(s: FakeState, cat: InstanceCatalogue): Record<string, (input: any) => unknown> {
  let publicCounter = 10;
  const setState = (i: FakeInstance, name: string) => {
    i.data.State = { Code: CODES[name], Name: name };
  };
  /** Applies a transition whose time has come, as reading EC2 later would show it. */
  const settle = (i: FakeInstance) => {
    if (!i.next || i.next.at > s.clock.now()) return;
    const { state } = i.next;
    i.next = undefined;
    setState(i, state);
    if (state === "running") {
      const subnet = s.subnets.get(i.data.SubnetId);
      if (subnet?.MapPublicIpOnLaunch) {
        const ip = `203.0.113.${publicCounter++ % 250}`;
        Object.assign(i.data, { PublicIpAddress: ip, PublicDnsName: `ec2-${ip.replaceAll(".", "-")}.compute-1.amazonaws.com` });
      }
    }
    if (state === "stopped" || state === "terminated") {
      Object.assign(i.data, { PublicIpAddress: undefined, PublicDnsName: "", StateTransitionReason: `User initiated (${new Date(s.clock.now()).toISOString()})` });
      i.data.StateReason = { Code: "Client.UserInitiatedShutdown", Message: "Client.UserInitiatedShutdown: User initiated shutdown" };
    }
    if (state === "terminated") i.data.PrivateIpAddress = undefined;
  };
  const visible = () => {
    const out: FakeInstance[] = [];
    for (const [id, i] of s.instances) {
      settle(i);
      if (i.data.State.Name === "terminated" && i.data.terminatedAt && (i.data.terminatedAt as number) + TERMINATED_VISIBLE_MS < s.clock.now()) s.instances.delete(id);
      else out.push(i);
    }
    return out;
  };
  const mustInstance = (id: string) => {
    if (!INSTANCE_ID.test(id)) throw ec2Error("InvalidInstanceID.Malformed", `Invalid id: "${id}"`);
    const i = visible().find((x) => x.data.InstanceId === id);
    if (!i) throw ec2Error("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
    return i;
  };
  const change = (i: FakeInstance, previous: { Code: number; Name: string }) => ({ InstanceId: i.data.InstanceId, PreviousState: previous, CurrentState: { ...i.data.State } });
  const strip = (i: FakeInstance) => {
    const { terminatedAt: _t, ...data } = i.data;
    return data;
  };

  return {
    RunInstances(input) {
      const request = JSON.stringify({ ...input, ClientToken: undefined });
      if (input.ClientToken) {
        const prior = [...s.instances.values()].find((i) => i.clientToken === input.ClientToken);
        if (prior) {
          if (prior.request !== request) throw ec2Error("IdempotentParameterMismatch", "The client token you have provided is associated with a resource that has different parameters");
          settle(prior);
          return { ReservationId: prior.reservationId, OwnerId: ACCOUNT_ID, Groups: [], Instances: [strip(prior)] };
        }
      }
      if (!cat.types.has(input.InstanceType)) throw ec2Error("InvalidParameterValue", `Invalid value '${input.InstanceType}' for InstanceType.`);
      if (!cat.images.has(input.ImageId)) throw ec2Error("InvalidAMIID.NotFound", `The image id '[${input.ImageId}]' does not exist`);
      const subnet = s.subnets.get(input.SubnetId);
      if (!subnet) throw ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${input.SubnetId}' does not exist`);
      const groups = (input.SecurityGroupIds ?? []).map((id: string) => {
        const g = s.groups.get(id);
        if (!g) throw ec2Error("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
        if (g.VpcId !== subnet.VpcId) throw ec2Error("InvalidParameter", `Security group ${id} and subnet ${subnet.SubnetId} belong to different networks.`);
        return { GroupId: g.GroupId, GroupName: g.GroupName };
      });
      if (input.KeyName && !s.keyPairs.has(input.KeyName)) throw ec2Error("InvalidKeyPair.NotFound", `The key pair '${input.KeyName}' does not exist`);
      const zone = input.Placement?.AvailabilityZone;
      if (zone && zone !== subnet.AvailabilityZone) throw ec2Error("InvalidParameterValue", `Value (${zone}) for parameter availabilityZone is invalid. Subnet '${subnet.SubnetId}' is in the availability zone ${subnet.AvailabilityZone}`);

      const used = new Set(visible().filter((i) => i.data.SubnetId === subnet.SubnetId && i.data.PrivateIpAddress).map((i) => i.data.PrivateIpAddress));
      const cidr = parseCidr(subnet.CidrBlock);
      let privateIp: string | undefined;
      for (let n = cidr.base + 4; n < cidr.base + cidrSize(cidr) - 1 && !privateIp; n++) if (!used.has(intToIp(n))) privateIp = intToIp(n);
      if (!privateIp) throw ec2Error("InsufficientFreeAddressesInSubnet", `There are not enough free addresses in subnet '${subnet.SubnetId}' to satisfy the requested number of instances.`);

      const InstanceId = newId("i");
      const now = s.now();
      const instance: FakeInstance = {
        reservationId: newId("r"),
        clientToken: input.ClientToken,
        request,
        next: { state: "running", at: s.clock.now() + FAKE_TIMING_MS.boot },
        data: {
          InstanceId,
          ImageId: input.ImageId,
          InstanceType: input.InstanceType,
          KeyName: input.KeyName,
          LaunchTime: now,
          AmiLaunchIndex: 0,
          Architecture: "x86_64",
          Hypervisor: "xen",
          VirtualizationType: "hvm",
          RootDeviceType: "ebs",
          RootDeviceName: "/dev/sda1",
          EbsOptimized: false,
          EnaSupport: true,
          Monitoring: { State: "disabled" },
          Placement: { AvailabilityZone: subnet.AvailabilityZone, GroupName: "", Tenancy: "default" },
          PrivateDnsName: `ip-${privateIp.replaceAll(".", "-")}.ec2.internal`,
          PrivateIpAddress: privateIp,
          PublicDnsName: "",
          ProductCodes: [],
          SecurityGroups: groups,
          SourceDestCheck: true,
          State: { Code: 0, Name: "pending" },
          StateTransitionReason: "",
          SubnetId: subnet.SubnetId,
          VpcId: subnet.VpcId,
          ClientToken: input.ClientToken ?? "",
          Tags: tagsFor(input.TagSpecifications, "instance"),
        },
      };
      s.instances.set(InstanceId, instance);
      return { ReservationId: instance.reservationId, OwnerId: ACCOUNT_ID, Groups: [], Instances: [strip(instance)] };
    },
    DescribeInstances(input) {
      for (const id of input.InstanceIds ?? []) mustInstance(id);
      const found = visible().filter(
        (i) =>
          (!input.InstanceIds || input.InstanceIds.includes(i.data.InstanceId)) &&
          matchesFilters(input.Filters, { "vpc-id": [i.data.VpcId], "subnet-id": [i.data.SubnetId], "instance-state-name": [i.data.State.Name], "instance-id": [i.data.InstanceId] }, i.data.Tags),
      );
      const byReservation = new Map<string, FakeInstance[]>();
      for (const i of found) byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
      return { Reservations: [...byReservation].map(([ReservationId, list]) => ({ ReservationId, OwnerId: ACCOUNT_ID, Groups: [], Instances: list.map(strip) })) };
    },
    StopInstances(input) {
      return {
        StoppingInstances: input.InstanceIds.map((id: string) => {
          const i = mustInstance(id);
          const prev = { ...i.data.State };
          if (prev.Name !== "running" && prev.Name !== "stopping" && prev.Name !== "stopped") throw ec2Error("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be stopped.`);
          if (prev.Name === "running") {
            setState(i, "stopping");
            i.next = { state: "stopped", at: s.clock.now() + FAKE_TIMING_MS.stop };
          }
          return change(i, prev);
        }),
      };
    },
    StartInstances(input) {
      return {
        StartingInstances: input.InstanceIds.map((id: string) => {
          const i = mustInstance(id);
          const prev = { ...i.data.State };
          if (prev.Name !== "stopped" && prev.Name !== "running" && prev.Name !== "pending") throw ec2Error("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be started.`);
          if (prev.Name === "stopped") {
            setState(i, "pending");
            i.data.LaunchTime = s.now();
            i.next = { state: "running", at: s.clock.now() + FAKE_TIMING_MS.start };
          }
          return change(i, prev);
        }),
      };
    },
    RebootInstances(input) {
      for (const id of input.InstanceIds) {
        const i = mustInstance(id);
        if (i.data.State.Name !== "running") throw ec2Error("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be rebooted.`);
      }
      return {};
    },
    TerminateInstances(input) {
      return {
        TerminatingInstances: input.InstanceIds.map((id: string) => {
          const i = mustInstance(id);
          const prev = { ...i.data.State };
          if (prev.Name !== "shutting-down" && prev.Name !== "terminated") {
            setState(i, "shutting-down");
            i.next = { state: "terminated", at: s.clock.now() + FAKE_TIMING_MS.terminate };
            i.data.terminatedAt = s.clock.now() + FAKE_TIMING_MS.terminate;
          }
          return change(i, prev);
        }),
      };
    },
    CreateTags(input) {
      for (const id of input.Resources) {
        const target = s.instances.get(id) ?? s.vpcs.get(id) ?? s.subnets.get(id) ?? s.groups.get(id);
        if (!target) throw ec2Error("InvalidID", `The ID '${id}' is not valid`);
        const tags = "data" in target ? target.data.Tags : target.Tags;
        for (const t of input.Tags) {
          const at = tags.findIndex((x) => x.Key === t.Key);
          if (at >= 0) tags[at] = { Key: t.Key, Value: t.Value };
          else tags.push({ Key: t.Key, Value: t.Value });
        }
      }
      return {};
    },
  };
}
