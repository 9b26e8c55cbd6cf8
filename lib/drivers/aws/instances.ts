import { createHash } from "node:crypto";
import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  type EC2Client,
  type Instance,
  type InstanceStateChange,
  RebootInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { checkTransition, type VmAction } from "@/lib/core/lifecycle";
import type { CreateVmRequest, ListFilter, Vm } from "../types";
import { ec2Call } from "./errors";
import { OP_TAG, tagFilters, toEc2Tags, toVm } from "./mappers";

/** EC2 accepts client tokens of at most 64 ASCII characters. */
const MAX_CLIENT_TOKEN = 64;

/** The request's token as EC2 takes it: as is when it fits, else a digest that is as unique. */
export function ec2ClientToken(token: string): string {
  return token.length <= MAX_CLIENT_TOKEN && /^[\x21-\x7e]+$/.test(token) ? token : createHash("sha256").update(token).digest("hex");
}

export async function describeInstance(ec2: EC2Client, id: string): Promise<Instance> {
  const out = await ec2Call(`DescribeInstances ${id}`, () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
  const i = out.Reservations?.flatMap((r) => r.Instances ?? [])[0];
  if (!i) throw new NotFoundError(`VM ${id} does not exist in this region`);
  return i;
}

export async function listInstances(ec2: EC2Client, filter?: ListFilter): Promise<Instance[]> {
  const out: Instance[] = [];
  let NextToken: string | undefined;
  do {
    const filters = tagFilters(filter?.tags);
    const page = await ec2Call("DescribeInstances", () => ec2.send(new DescribeInstancesCommand({ ...(filters.length ? { Filters: filters } : {}), NextToken })));
    out.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/**
 * RunInstances for one VM. The client token makes a repeated call (a retry after a lost reply)
 * answer the instance the first call made; the tags go on the instance and its volumes and
 * network interface in the same call, so nothing Barista makes is ever untagged.
 */
export async function runInstance(ec2: EC2Client, req: CreateVmRequest, amiId: string, now: number): Promise<Vm> {
  const Tags = toEc2Tags(req.name, req.tags);
  const out = await ec2Call(`RunInstances ${req.specName}`, () =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: amiId,
        InstanceType: req.specName as never,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: req.subnetId,
        SecurityGroupIds: req.securityGroupIds,
        KeyName: req.keyPairId,
        ...(req.zone ? { Placement: { AvailabilityZone: req.zone } } : {}),
        ...(req.clientToken ? { ClientToken: ec2ClientToken(req.clientToken) } : {}),
        TagSpecifications: [
          { ResourceType: "instance", Tags },
          { ResourceType: "volume", Tags },
          { ResourceType: "network-interface", Tags },
        ],
      }),
    ),
  );
  const instance = out.Instances?.[0];
  if (!instance) throw new NotFoundError(`RunInstances ${req.specName} answered no instance`);
  return toVm(instance, now);
}

const CALLS: Record<VmAction, string> = { suspend: "StopInstances", resume: "StartInstances", reboot: "RebootInstances", terminate: "TerminateInstances" };

/**
 * One lifecycle call on a VM, refused (Conflict, with the reason) when its status does not allow it:
 * EC2 itself would start a running instance again without a word, or reboot none.
 */
export async function actOnInstance(ec2: EC2Client, id: string, action: VmAction, now: number): Promise<Vm> {
  const instance = await describeInstance(ec2, id);
  const vm = toVm(instance, now);
  if (action === "terminate" && (vm.status === "Terminated" || vm.status === "Terminating" || vm.status === "Failed")) return vm;
  const check = checkTransition(vm.status, action);
  if (!check.ok) throw new ConflictError(`IncorrectInstanceState: ${check.reason}`);
  const InstanceIds = [id];
  const what = `${CALLS[action]} ${id}`;
  let change: InstanceStateChange | undefined;
  switch (action) {
    case "suspend":
      change = (await ec2Call(what, () => ec2.send(new StopInstancesCommand({ InstanceIds })))).StoppingInstances?.[0];
      break;
    case "terminate":
      change = (await ec2Call(what, () => ec2.send(new TerminateInstancesCommand({ InstanceIds })))).TerminatingInstances?.[0];
      break;
    case "resume":
      await markOp(ec2, id, "resume", now);
      change = (await ec2Call(what, () => ec2.send(new StartInstancesCommand({ InstanceIds })))).StartingInstances?.[0];
      break;
    case "reboot":
      await ec2Call(what, () => ec2.send(new RebootInstancesCommand({ InstanceIds })));
      await markOp(ec2, id, "reboot", now);
      return toVm({ ...instance, Tags: withOp(instance, "reboot", now) }, now);
  }
  const State = change?.CurrentState ?? instance.State;
  const Tags = action === "resume" ? withOp(instance, "resume", now) : instance.Tags;
  return toVm({ ...instance, State, Tags }, now);
}

/** Written before a start (so its `pending` reads Resuming from the first look) and after a reboot. */
async function markOp(ec2: EC2Client, id: string, action: VmAction, now: number): Promise<void> {
  await ec2Call(`CreateTags ${id}`, () => ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: OP_TAG, Value: `${action}@${now}` }] })));
}

function withOp(instance: Instance, action: VmAction, now: number): Instance["Tags"] {
  return [...(instance.Tags ?? []).filter((t) => t.Key !== OP_TAG), { Key: OP_TAG, Value: `${action}@${now}` }];
}
