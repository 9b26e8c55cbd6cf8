import { afterEach } from "vitest";
import { describeDriverContract } from "../contract";
import { AwsDriver } from "./aws-driver";
import { type FakeAws, installFakeAws } from "./testing/fake-aws";

let fake: FakeAws | null = null;
afterEach(() => {
  fake?.restore();
  fake = null;
});

// The shared contract on EC2's recorded answers: the driver's real code runs down to the SDK
// client's send, where a stateful fake account answers as EC2 does.
describeDriverContract("aws (recorded EC2 responses)", async () => {
  fake?.restore();
  fake = installFakeAws("us-east-1");
  const clock = fake.clock;
  const driver = new AwsDriver({ name: "aws-us-east-1", driver: "aws", provider: "aws", region: "us-east-1", credential: "aws-test" }, async () => ({ accessKeyId: "AKIAFAKE", secretAccessKey: "fake-secret" }), { clock });
  return { driver, maxOperationMs: 60_000, advance: async (ms) => clock.advance(ms) };
});
