import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startPostgresCluster } from "../lib/store/postgres-cluster.mjs";
import { cheapSpec, cloudVms, waitForMci, type Mci } from "./support/api";
import { startOwnServer, type OwnServer } from "./support/server";

// Two servers on one PostgreSQL, as behind a load balancer: one is killed mid-deployment and the
// other finishes it; metrics written to either are read from the other; an alert fires once.
const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORT_A = BASE + 1;
const PORT_B = BASE + 2;
const REGIONS = ["aws-ap-northeast-2", "gcp-us-central1", "azure-westeurope"];
const PER_REGION = 10;

type Answer = { series: { vm?: string; points: [number, number][] }[] };
type AlertEvent = { ruleId: string; state: "firing" | "resolved"; vm: string };

async function readCpu(request: APIRequestContext, base: string, vmId: string, fromS: number): Promise<[number, number][]> {
  const q = new URLSearchParams({ vm: vmId, metric: "cpu_utilization", from: String(fromS * 1000), to: String((fromS + 60) * 1000), step: "10" });
  const r = await request.get(`${base}/api/v1/metrics?${q}`);
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as Answer).series[0]?.points ?? [];
}

test.describe.serial("several servers on one PostgreSQL", () => {
  let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
  let a: OwnServer;
  let b: OwnServer;
  let mci: Mci;
  let env: Record<string, string>;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    cluster = await startPostgresCluster();
    // Shared by every server: the database, the vault's key, the simulator's settings.
    env = { DATABASE_URL: cluster.url, BARISTA_SECRET_KEY: randomBytes(32).toString("base64"), BARISTA_SIM_SPEED: "20", BARISTA_SIM_FAULTS: "off" };
    a = await startOwnServer(PORT_A, env);
    b = await startOwnServer(PORT_B, env);
  });

  test.afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cluster?.stop();
  });

  test("kill -9 of the server deploying an MCI: the other finishes it, every VM Running, none lost, no orphan in the clouds", async ({ request }) => {
    test.setTimeout(300_000);
    const subGroups = await Promise.all(REGIONS.map(async (region) => ({ region, specId: await cheapSpec(request, a.url, region), count: PER_REGION })));
    const created = await request.post(`${a.url}/api/v1/ns/default/mci`, { data: { name: "servers", subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    const { id } = (await created.json()) as Mci;
    // Killed while VMs are being made: some exist in the clouds, others not yet.
    await waitForMci(request, a.url, id, (m) => m.vms.some((v) => v.status === "Creating") && m.vms.some((v) => v.publicIp), 90_000);
    await a.crash();
    const crashedAt = Date.now();

    mci = await waitForMci(request, b.url, id, (m) => m.status === "Running", 180_000);
    expect(mci.statusCount.total).toBe(REGIONS.length * PER_REGION);
    expect(mci.statusCount.running).toBe(REGIONS.length * PER_REGION);
    expect(new Set(mci.vms.map((v) => v.name)).size).toBe(REGIONS.length * PER_REGION);
    for (const region of REGIONS) {
      // The cloud holds exactly the MCI's VMs there: none that no row owns, none missing.
      const cloud = await cloudVms(request, b.url, region);
      const ours = mci.vms.filter((v) => v.connection === region).map((v) => v.id).sort();
      expect(cloud.map((c) => c.tags["barista-owner"]).sort(), `cloud VMs in ${region}`).toEqual(ours);
      expect(cloud.every((c) => c.status === "Running")).toBe(true);
    }
    // The jobs that run once move to the survivor: its lease is taken within 13 s of the loss
    // (10 s lease, 3 s renewal; some slack for a loaded machine). The deployment may end first.
    await expect.poll(() => b.log(), { timeout: Math.max(1_000, crashedAt + 20_000 - Date.now()) }).toMatch(/server \S+ leads/);
  });

  test("metrics written to one server are read from the other", async ({ request }) => {
    test.setTimeout(180_000);
    // The killed server comes back (a new process, a new id): now two servers run again.
    a = await startOwnServer(PORT_A, env);
    const [one, two] = mci.vms;
    const minute = Math.floor(Date.now() / 60_000) * 60 - 600;
    const write = async (base: string, vmId: string, values: number[]) => {
      const body = values.map((v, i) => `cpu,vm=${vmId} cpu_utilization=${v} ${minute + i * 10}`).join("\n");
      const r = await request.post(`${base}/api/v1/metrics/write?precision=s`, { data: body, headers: { "content-type": "text/plain" } });
      expect(r.status(), await r.text()).toBe(204);
    };
    await write(a.url, one.id, [11, 22, 33]);
    await write(b.url, two.id, [44, 55, 66]);
    expect(await readCpu(request, b.url, one.id, minute)).toEqual([11, 22, 33].map((v, i) => [(minute + i * 10) * 1000, v]));
    expect(await readCpu(request, a.url, two.id, minute)).toEqual([44, 55, 66].map((v, i) => [(minute + i * 10) * 1000, v]));
  });

  test("a command started on one server streams from the other and is cancelled there; what it wrote on the VM is seen from both", async ({ request }) => {
    test.setTimeout(120_000);
    const vm = mci.vms[0];
    const commands = `/api/v1/ns/default/mci/${mci.id}/commands`;
    const run = async (base: string, command: string) => {
      const r = await request.post(`${base}${commands}`, { data: { command, vmIds: [vm.id], timeoutSeconds: 120 } });
      expect(r.status(), await r.text()).toBe(202);
      return ((await r.json()) as { id: string }).id;
    };
    type Command = { status: string; vms: { status: string; stdout: string }[] };
    const read = async (base: string, cid: string) => (await (await request.get(`${base}${commands}/${cid}`)).json()) as Command;
    const cid = await run(b.url, "echo made > /home/ubuntu/mark; cat /home/ubuntu/mark; echo begun; sleep 60");
    await expect.poll(async () => (await read(a.url, cid)).vms[0]?.stdout, { timeout: 30_000 }).toBe("made\nbegun\n");
    // The other server streams it while it runs, then takes the cancel and passes it on.
    const stream = await fetch(`${a.url}${commands}/${cid}/stream`, { headers: { authorization: `Bearer ${process.env.BARISTA_API_TOKEN}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^event: snapshot\ndata: \{[^\n]*"status":"running"/);
    const cancel = await request.post(`${a.url}${commands}/${cid}/cancel`);
    expect(cancel.status(), await cancel.text()).toBe(202);
    expect(((await cancel.json()) as { message: string }).message).toMatch(/the server running it stops it/);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    expect(text).toContain('event: vm\ndata: {"vmId":"' + vm.id + '","status":"cancelled"');
    expect(text.endsWith('event: end\ndata: {"status":"cancelled"}\n\n')).toBe(true);
    expect((await read(b.url, cid)).status).toBe("cancelled");
    // The simulated VM's disk is one, whichever server's SSH server a command reaches it through.
    const check = await run(a.url, "cat /home/ubuntu/mark");
    await expect.poll(async () => (await read(b.url, check)).status, { timeout: 30_000 }).toBe("finished");
    expect((await read(b.url, check)).vms[0]).toMatchObject({ status: "succeeded", stdout: "made\n" });
  });

  test("an alert fires once, not once per server", async ({ request }) => {
    test.setTimeout(180_000);
    const vm = mci.vms[0];
    const rule = await request.post(`${a.url}/api/v1/alerts/rules`, {
      data: { name: "servers-any-cpu", metric: "cpu_utilization", agg: "avg", op: ">=", threshold: 0, forSeconds: 0, windowSeconds: 60, scope: { vm: vm.id } },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    const ruleId = ((await rule.json()) as { id: string }).id;
    // Samples the rule sees at once, whichever server evaluates.
    const now = Math.floor(Date.now() / 1000);
    const body = [0, 10, 20].map((ago) => `cpu,vm=${vm.id} cpu_utilization=50 ${now - ago}`).join("\n");
    expect((await request.post(`${b.url}/api/v1/metrics/write?precision=s`, { data: body, headers: { "content-type": "text/plain" } })).status()).toBe(204);
    const firing = async (base: string) => {
      const r = await request.get(`${base}/api/v1/alerts/events?${new URLSearchParams({ ruleId })}`);
      expect(r.status(), await r.text()).toBe(200);
      return ((await r.json()) as AlertEvent[]).filter((e) => e.state === "firing");
    };
    await expect.poll(async () => (await firing(b.url)).length, { timeout: 60_000, intervals: [1_000] }).toBeGreaterThan(0);
    // Three more turns of the evaluator on each server (every 10 s): still one event, seen alike from both.
    await new Promise((r) => setTimeout(r, 35_000));
    expect(await firing(a.url)).toHaveLength(1);
    expect(await firing(b.url)).toHaveLength(1);
    const leaders = [a.log(), b.log()].map((log) => [...log.matchAll(/server \S+ (leads|follows)/g)].at(-1)?.[1]);
    expect(leaders.filter((l) => l === "leads")).toHaveLength(1);
  });
});
