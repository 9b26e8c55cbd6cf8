import { isCloudError } from "@/lib/core/errors";
import { describeDriverContract } from "../contract";
import type { CloudDriver } from "../types";
import { AwsDriver } from "./aws-driver";

/**
 * The shared driver contract against a real AWS account (`npm run check:aws`; the config refuses
 * to start without credentials in the environment). Not a `*.test.ts` file: `npm test` never runs it.
 */
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
const secrets = async () => ({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "",
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "",
  ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * EC2 frees a terminated instance's network interface a little after the instance reads
 * `terminated`; until then deleting its group or subnet answers DependencyViolation. The reconciler
 * retries such a Conflict with backoff; the contract deletes at once, so this harness waits a
 * little, as the reconciler would. A VM still using the network (the driver's own check) is not waited on.
 */
function patientDeletes(driver: CloudDriver): CloudDriver {
  const retry = async (call: () => Promise<void>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        const lingering = isCloudError(e) && e.code === "Conflict" && /DependencyViolation/.test(e.message) && !/still uses|still has/.test(e.message);
        if (!lingering || attempt >= 12) throw e;
        await sleep(10_000);
      }
    }
  };
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop === "deleteSecurityGroup" || prop === "deleteVNet") return (id: string) => retry(() => target[prop](id));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describeDriverContract(`aws (live account, ${region})`, async () => {
  const driver = new AwsDriver({ name: `aws-${region}`, driver: "aws", provider: "aws", region, credential: "environment" }, secrets);
  return { driver: patientDeletes(driver), maxOperationMs: 240_000, advance: sleep };
});
