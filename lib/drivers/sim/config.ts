import { z } from "zod";
import { systemClock, type Clock } from "@/lib/core/clock";

export type FaultMode = "off" | "realistic" | "chaos";


export interface SimConfig {
  /** Divides every operation's duration: 1 is real time. */
  speed: number;
  faults: FaultMode;
  seed: string;
  /** vCPUs an account may hold per region (running, creating or suspended). */
  vcpuQuota: number;
  clock: Clock;
}

const envSchema = z.object({
  BARISTA_SIM_SPEED: z.coerce.number().positive().max(100_000).default(1),
  BARISTA_SIM_FAULTS: z.enum(["off", "realistic", "chaos"]).default("realistic"),
  BARISTA_SIM_SEED: z.string().min(1).default("barista"),
  BARISTA_SIM_VCPU_QUOTA: z.coerce.number().int().positive().default(512),
});

/** Reads the simulator's settings; a bad value stops the server with a message naming the variable. */
export function simConfigFromEnv(env: Record<string, string | undefined> = process.env, clock: Clock = systemClock): SimConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  return { speed: e.BARISTA_SIM_SPEED, faults: e.BARISTA_SIM_FAULTS, seed: e.BARISTA_SIM_SEED, vcpuQuota: e.BARISTA_SIM_VCPU_QUOTA, clock };
}
