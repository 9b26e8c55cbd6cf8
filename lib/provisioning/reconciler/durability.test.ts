import { afterEach, describe, expect, it } from "vitest";
import { listSpecs } from "@/lib/catalogue";
import type { CloudDriver, CreateVmRequest } from "@/lib/drivers/types";
import { tempDatabase, type TempDatabase } from "@/lib/store/testing";
import { OWNER_TAG } from "../deps";
import { createMci } from "../mci";
import { startHarness, type Harness } from "../testing/harness";
import { vmKey, watchKey } from "./keys";
import { reconcileVm } from "./vm-step";

const REGION = "aws-us-east-1";
const spec = listSpecs(REGION).filter((s) => !s.accelerator)[0].id;

let temp: TempDatabase;
let h: Harness;
afterEach(async () => {
  second = null;
  await h?.reconciler.stop();
  await temp?.cleanup();
});

/**
 * What another process (a server restarted after kill -9) would read: a second client on the same
 * file sees only what was committed.
 */
let second: ReturnType<TempDatabase["reopen"]> | null = null;
const durable = () => (second ??= temp.reopen());

/** A harness whose reconciler does not run: the test runs the steps itself. */
async function stillHarness(wrap?: (d: CloudDriver) => CloudDriver): Promise<Harness> {
  temp = tempDatabase();
  h = await startHarness(temp.prisma, {}, wrap);
  await h.reconciler.stop();
  return h;
}

async function oneVm(h: Harness, count = 1): Promise<string[]> {
  const answer = await createMci(h.deps, "default", { name: "db", description: "", policy: "continue", dryRun: false, subGroups: [{ region: REGION, specId: spec, count }] });
  if (answer.kind !== "created") throw new Error("expected an MCI");
  return answer.mci.vms.map((v) => v.id);
}

/** A driver that runs `before` ahead of every create (it sees the state the cloud call is made in). */
function onCreate(before: (req: CreateVmRequest) => Promise<void>, after?: () => void) {
  return (d: CloudDriver): CloudDriver =>
    new Proxy(d, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== "createVm") return typeof value === "function" ? value.bind(target) : value;
        return async (req: CreateVmRequest) => {
          await before(req);
          const vm = await target.createVm(req);
          after?.();
          return vm;
        };
      },
    });
}

describe("what a VM step has made durable", () => {
  it("commits the create flag before the cloud is called, while the step's work item is still queued", async () => {
    const seen: { attempted: boolean; queued: boolean }[] = [];
    await stillHarness(
      onCreate(async (req) => {
        const other = durable();
        const row = await other.vm.findUnique({ where: { id: req.clientToken! } });
        const item = await other.workItem.findUnique({ where: { key: vmKey(req.clientToken!) } });
        seen.push({ attempted: row?.createAttempted ?? false, queued: item !== null });
      }),
    );
    const ids = await oneVm(h, 3);
    await Promise.all(ids.map((id) => reconcileVm(h.deps, id)));
    expect(seen).toEqual(ids.map(() => ({ attempted: true, queued: true })));
  });

  it("after the step returns, the cloud's id is on the row and the watch that follows the VM is queued", async () => {
    await stillHarness();
    const [id] = await oneVm(h);
    await reconcileVm(h.deps, id);
    const other = durable();
    const row = await other.vm.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ createAttempted: true, status: "Creating", lastError: null });
    expect(row.cloudId).toMatch(/^i-/);
    expect(await other.workItem.findUnique({ where: { key: watchKey(REGION) } })).not.toBeNull();
  });

  it("a crash after the cloud made the VM but before its answer was recorded: the next step adopts that VM, and makes no second one", async () => {
    let crash = true;
    await stillHarness(
      onCreate(
        async () => undefined,
        () => {
          // The process dies here: the VM exists in the cloud, nothing after the call ran.
          if (crash) throw new Error("killed");
        },
      ),
    );
    const [id] = await oneVm(h);
    await expect(reconcileVm(h.deps, id)).rejects.toThrow("killed");
    expect(await durable().vm.findUniqueOrThrow({ where: { id } })).toMatchObject({ createAttempted: true, cloudId: null });

    crash = false;
    await reconcileVm(h.deps, id);
    const cloud = (await (await h.rawDriver(REGION)).listVms()).filter((v) => v.tags[OWNER_TAG] === id);
    expect(cloud).toHaveLength(1);
    expect((await durable().vm.findUniqueOrThrow({ where: { id } })).cloudId).toBe(cloud[0].id);
  });
});
