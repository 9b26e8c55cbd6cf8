import { describe, expect, it } from "vitest";
import { EC2ServiceException, type Instance } from "@aws-sdk/client-ec2";
import { CloudError } from "@/lib/core/errors";
import { toCloudError } from "./errors";
import { OP_TAG, REBOOT_WINDOW_MS, STATE_MAP, toIpPermission, toSecurityGroup, toVm, toVmStatus } from "./mappers";

function awsError(name: string, status = 400): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message: `${name} from EC2` });
}

describe("AWS errors as typed errors", () => {
  it.each([
    ["InsufficientInstanceCapacity", "CapacityUnavailable", true],
    ["VcpuLimitExceeded", "QuotaExceeded", false],
    ["InstanceLimitExceeded", "QuotaExceeded", false],
    ["VpcLimitExceeded", "QuotaExceeded", false],
    ["RequestLimitExceeded", "Throttled", true],
    ["Throttling", "Throttled", true],
    ["AuthFailure", "AuthFailed", false],
    ["UnauthorizedOperation", "AuthFailed", false],
    ["InvalidClientTokenId", "AuthFailed", false],
    ["SignatureDoesNotMatch", "AuthFailed", false],
    ["InvalidInstanceID.NotFound", "NotFound", false],
    ["InvalidVpcID.NotFound", "NotFound", false],
    ["InvalidKeyPair.NotFound", "NotFound", false],
    ["InvalidInstanceID.Malformed", "NotFound", false],
    ["InvalidAMIID.NotFound", "InvalidArgument", false],
    ["InvalidParameterValue", "InvalidArgument", false],
    ["InvalidSubnet.Range", "InvalidArgument", false],
    ["IncorrectInstanceState", "Conflict", false],
    ["InvalidGroup.Duplicate", "Conflict", false],
    ["InvalidKeyPair.Duplicate", "Conflict", false],
    ["DependencyViolation", "Conflict", false],
    ["IdempotentParameterMismatch", "Conflict", false],
    ["UnsupportedOperation", "NotSupported", false],
  ])("%s becomes %s (retryable: %s)", (name, code, retryable) => {
    const e = toCloudError(awsError(name), "RunInstances t3.micro");
    expect(e).toBeInstanceOf(CloudError);
    expect([e.code, e.retryable]).toEqual([code, retryable]);
    expect(e.message).toContain(`RunInstances t3.micro: ${name}`);
  });

  it("treats AWS's own failures and a lost network as Unavailable, retryable, and says AWS could not be reached", () => {
    for (const e of [awsError("InternalError", 500), awsError("SomethingNew", 503)]) expect([toCloudError(e, "x").code, toCloudError(e, "x").retryable]).toEqual(["Unavailable", true]);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const timeout = Object.assign(new Error("Socket timed out without establishing a connection within 4000 ms"), { name: "TimeoutError" });
    for (const e of [refused, timeout, new Error("socket hang up")]) {
      const mapped = toCloudError(e, "DescribeRegions");
      expect([mapped.code, mapped.retryable]).toEqual(["Unavailable", true]);
      expect(mapped.message).toMatch(/AWS could not be reached/);
    }
  });

  it("keeps an unknown client error non-retryable and passes typed errors through unchanged", () => {
    expect(toCloudError(awsError("SomethingNew", 400), "x").code).toBe("InvalidArgument");
    const typed = toCloudError(awsError("AuthFailure"), "x");
    expect(toCloudError(typed, "y")).toBe(typed);
  });
});

describe("EC2 states through the STATE_MAP", () => {
  const NOW = Date.UTC(2026, 0, 1);
  const at = (name: string, extra: Partial<Instance> = {}) => toVmStatus({ State: { Name: name as never }, ...extra }, NOW);

  it("maps every EC2 state name, and anything unknown to Undefined", () => {
    expect(STATE_MAP).toEqual({ pending: "Creating", running: "Running", stopping: "Suspending", stopped: "Suspended", "shutting-down": "Terminating", terminated: "Terminated" });
    for (const [state, status] of Object.entries(STATE_MAP)) expect(at(state)).toBe(status);
    expect(at("hibernating")).toBe("Undefined");
    expect(toVmStatus({}, NOW)).toBe("Undefined");
  });

  it("calls a VM that AWS ended for a server fault Failed, with AWS's reason", () => {
    const i: Instance = { InstanceId: "i-0123456789abcdef0", State: { Name: "terminated" }, StateReason: { Code: "Server.InternalError", Message: "Server.InternalError: Internal error on launch" } };
    const vm = toVm(i, NOW);
    expect(vm.status).toBe("Failed");
    expect(vm.statusReason).toBe("Server.InternalError: Internal error on launch");
    expect(at("terminated", { StateReason: { Code: "Client.UserInitiatedShutdown" } })).toBe("Terminated");
  });

  it("reads its own marks: pending after a start is Resuming, running within the reboot window is Rebooting", () => {
    expect(at("pending", { Tags: [{ Key: OP_TAG, Value: `resume@${NOW - 5_000}` }] })).toBe("Resuming");
    expect(at("running", { Tags: [{ Key: OP_TAG, Value: `reboot@${NOW - 5_000}` }] })).toBe("Rebooting");
    expect(at("running", { Tags: [{ Key: OP_TAG, Value: `reboot@${NOW - REBOOT_WINDOW_MS}` }] })).toBe("Running");
    expect(at("pending", { Tags: [{ Key: OP_TAG, Value: "garbage" }] })).toBe("Creating");
  });

  it("keeps Name and its own mark out of a VM's tags", () => {
    const vm = toVm({ InstanceId: "i-0123456789abcdef0", State: { Name: "running" }, Tags: [{ Key: "Name", Value: "web-1" }, { Key: OP_TAG, Value: `reboot@1` }, { Key: "barista-owner", Value: "vm1" }] }, NOW);
    expect(vm.name).toBe("web-1");
    expect(vm.tags).toEqual({ "barista-owner": "vm1" });
  });
});

describe("security rules in EC2's shape and back", () => {
  it("round-trips tcp, icmp and all-protocol rules", () => {
    const rules = [
      { direction: "inbound" as const, protocol: "tcp" as const, fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" },
      { direction: "inbound" as const, protocol: "icmp" as const, fromPort: -1, toPort: -1, cidr: "10.0.0.0/8" },
      { direction: "outbound" as const, protocol: "all" as const, fromPort: 0, toPort: 65535, cidr: "0.0.0.0/0" },
    ];
    expect(toIpPermission(rules[2])).toEqual({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] });
    const group = toSecurityGroup({ GroupId: "sg-1", GroupName: "g", VpcId: "vpc-1", IpPermissions: [toIpPermission(rules[0]), toIpPermission(rules[1])], IpPermissionsEgress: [toIpPermission(rules[2])] });
    expect(group.rules).toEqual(rules);
  });
});
