import { expect, type APIRequestContext } from "@playwright/test";

export interface Mci {
  id: string;
  name: string;
  status: string;
  statusCount: Record<string, number>;
  costPerHour: number;
  subGroups: { name: string; count: number; connection: string; region: string }[];
  vms: { id: string; name: string; status: string; connection: string; region: string; subGroup: string; publicIp: string | null; privateIp: string | null; latitude: number; longitude: number }[];
}

export interface CloudVm {
  id: string;
  name: string;
  status: string;
  tags: Record<string, string>;
}

/** The cheapest spec without an accelerator in a region, as a user would pick for a test fleet. */
export async function cheapSpec(api: APIRequestContext, base: string, region: string): Promise<string> {
  const specs = (await (await api.get(`${base}/api/v1/regions/${region}/specs`)).json()) as { id: string; pricePerHour: number; accelerator: unknown; vcpu: number }[];
  return specs.filter((s) => !s.accelerator && s.vcpu <= 2).sort((a, b) => a.pricePerHour - b.pricePerHour)[0].id;
}

export async function getMci(api: APIRequestContext, base: string, id: string, ns = "default"): Promise<Mci> {
  const r = await api.get(`${base}/api/v1/ns/${ns}/mci/${id}`);
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()) as Mci;
}

/** Polls the MCI until `check` holds; the last value is in the failure message. */
export async function waitForMci(api: APIRequestContext, base: string, id: string, check: (m: Mci) => boolean, timeoutMs = 90_000): Promise<Mci> {
  let last: Mci | null = null;
  await expect
    .poll(
      async () => {
        last = await getMci(api, base, id);
        return check(last);
      },
      { timeout: timeoutMs, intervals: [200, 500, 1000] },
    )
    .toBe(true)
    .catch((e) => {
      throw new Error(`${String(e)}\nlast: ${JSON.stringify(last && { status: last.status, statusCount: last.statusCount })}`);
    });
  return last!;
}

/** What the cloud itself says runs in a connection: Barista's VMs that are not terminated. */
export async function cloudVms(api: APIRequestContext, base: string, connection: string): Promise<CloudVm[]> {
  const r = await api.get(`${base}/api/v1/connections/${connection}/vms`);
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as CloudVm[]).filter((v) => v.status !== "Terminated" && Boolean(v.tags["barista-managed"]));
}
