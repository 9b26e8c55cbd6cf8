import { afterAll } from "vitest";
import { ManualClock } from "@/lib/core/clock";
import { PrismaSimStore } from "@/lib/store/sim-store";
import { tempDatabase } from "@/lib/store/testing";
import { describeDriverContract } from "../contract";
import { SimCloud } from "./cloud";
import { simConfigFromEnv } from "./config";
import { SimDriver } from "./sim-driver";

const temp = tempDatabase();
afterAll(() => temp.cleanup());

for (const [provider, region] of [
  ["aws", "ap-northeast-2"],
  ["azure", "koreacentral"],
  ["gcp", "europe-west1"],
]) {
  describeDriverContract(`sim (${provider}-${region})`, async () => {
    const clock = new ManualClock();
    const config = simConfigFromEnv({ BARISTA_SIM_FAULTS: "off", BARISTA_SIM_SEED: "contract" }, clock);
    const cloud = new SimCloud(new PrismaSimStore(temp.prisma), config);
    const driver = new SimDriver({ name: `${provider}-${region}`, driver: "sim", provider, region, credential: `contract-${Math.random()}` }, cloud);
    return { driver, maxOperationMs: 200_000, advance: async (ms) => clock.advance(ms) };
  });
}
