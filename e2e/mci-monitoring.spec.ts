import { expect, test, type Locator, type Page } from "@playwright/test";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

const REGIONS = ["aws-us-east-1", "gcp-europe-west1"];
const DAY_MS = 86_400_000;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** A day of an agent's history for each VM, one sample a minute: each VM at its own level, with a daily wave. */
function history(vms: Mci["vms"], until: number): string {
  const lines: string[] = [];
  const end = Math.floor(until / 60_000) * 60;
  vms.forEach((vm, i) => {
    for (let t = end - DAY_MS / 1000; t < end; t += 60) {
      const wave = Math.sin((2 * Math.PI * t) / 86_400);
      const cpu = Math.min(99, Math.max(1, 20 + 25 * i + 15 * wave + ((t / 60) % 7)));
      lines.push(`host,vm=${vm.id} cpu_utilization=${cpu.toFixed(2)},mem_utilization=${(40 + 10 * i + 5 * wave).toFixed(2)} ${t}`);
    }
  });
  return lines.join("\n");
}

async function attr(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name));
}

test("the MCI page charts its metrics live, switches ranges, and colours the map by CPU", async ({ page, request }) => {
  test.setTimeout(240_000);
  const subGroups = await Promise.all(REGIONS.map(async (region, i) => ({ region, specId: await cheapSpec(request, "", region), count: i === 0 ? 2 : 1 })));
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `watch-${Date.now() % 1_000_000}`, subGroups } });
  expect(created.status(), await created.text()).toBe(202);
  const mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
  const write = await request.post("/api/v1/metrics/write?precision=s", { data: history(mci.vms, Date.now() - 120_000), headers: { "content-type": "text/plain" } });
  expect(write.status(), await write.text()).toBe(204);

  await page.goto(`/ns/default/mci/${mci.id}`);
  await page.getByRole("tab", { name: "Metrics" }).click();
  const chart = page.getByTestId("mci-chart");
  // Average and max over the MCI: two lines with data, the last hour at the raw 10 s step.
  await expect(chart).toHaveAttribute("data-series", "2");
  await expect.poll(() => attr(chart, "data-points")).toBeGreaterThan(80);
  await expect(chart).toHaveAttribute("data-step", "10");
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(chart.getByText(/average of 3 VMs/)).toBeVisible();

  // Hovering reads out both lines at that time.
  const box = (await chart.locator(".recharts-surface").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const tooltip = chart.getByRole("tooltip");
  await expect(tooltip).toContainText("UTC");
  await expect(tooltip).toContainText("highest VM");
  await expect(tooltip).toContainText("%");
  await shot(page, "mci-metrics-1h");

  // A day: the answer spans 24 h at one-minute buckets from the rollups, downsampled to about a point per pixel.
  await page.getByRole("radio", { name: "24 h" }).first().click();
  await expect(chart).toHaveAttribute("data-range", "24h");
  await expect.poll(() => attr(chart, "data-shown-ms")).toBeGreaterThanOrEqual(DAY_MS);
  await expect(chart).toHaveAttribute("data-step", "60");
  const perLine = (await attr(chart, "data-points")) / 2;
  expect(perLine).toBeGreaterThan(300);
  // LTTB keeps about one point per pixel of the plot: fewer than the day's 1,440 minutes.
  expect(perLine).toBeLessThanOrEqual(box.width);
  await expect(page).toHaveURL(/range=24h/);

  // The busiest VMs, one line each, hottest first.
  await page.getByLabel(/Busiest 8 VMs/).check();
  await expect(chart).toHaveAttribute("data-series", "3");
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(3);
  const legend = chart.locator("ul li");
  await expect(legend.first()).toContainText(mci.vms[2].name);
  await shot(page, "mci-metrics-24h-busiest");

  // Another metric, and a week.
  await page.getByRole("combobox", { name: /^Metric/ }).selectOption("mem_utilization");
  await page.getByRole("radio", { name: "7 d" }).first().click();
  await expect(chart).toHaveAttribute("data-range", "7d");
  await expect.poll(() => attr(chart, "data-shown-ms")).toBeGreaterThanOrEqual(7 * DAY_MS);
  await expect.poll(() => attr(chart, "data-points")).toBeGreaterThan(0);

  // CPU heat on the map: every region reports, the legend explains the colours, the URL keeps it.
  const map = page.getByTestId("mci-map");
  await page.getByRole("radio", { name: "CPU" }).click();
  await expect(map).toHaveAttribute("data-colour-by", "cpu_utilization");
  // The history written above ends two minutes ago: the heat comes from the collector's samples of
  // the new VMs, which take up to a tick (10 s) after their first 10 s step has passed, and the page
  // asks for latest values every 10 s: up to about 30 s after the VMs came up.
  await expect(map).toHaveAttribute("data-heat-regions", String(REGIONS.length), { timeout: 60_000 });
  await expect(page.getByTestId("heat-legend")).toContainText("not reporting");
  await expect(page).toHaveURL(/colour=cpu_utilization/);
  await shot(page, "mci-cpu-heat");

  // A VM's own charts, in the range chosen on the MCI.
  await page.getByRole("tab", { name: /VMs/ }).click();
  // With the map on CPU, the table shows each VM's CPU now and can put the hottest first.
  await expect(page.getByTestId("vm-metric")).toHaveCount(3);
  await expect(page.getByTestId("vm-metric").first()).toContainText("%");
  await page.getByRole("button", { name: /^CPU/ }).click();
  const shown = await page.getByTestId("vm-metric").allTextContents();
  const numbers = shown.map((t) => Number.parseInt(t, 10));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await shot(page, "mci-vm-table-cpu");
  await page.getByRole("button", { name: mci.vms[0].name, exact: true }).first().click();
  const cpu = page.getByTestId("vm-chart-cpu");
  await expect(cpu).toHaveAttribute("data-range", "7d");
  await page.getByTestId("vm-panel").getByRole("radio", { name: "15 min" }).click();
  await expect(cpu).toHaveAttribute("data-range", "15m");
  await expect.poll(() => attr(cpu, "data-points")).toBeGreaterThan(10);
  await expect.poll(() => attr(page.getByTestId("vm-chart-net"), "data-series")).toBe(2);
  await expect(cpu.locator("path.recharts-line-curve")).toHaveCount(1);
  // Live: the chart refreshes by itself, and its newest bucket moves on.
  const before = await attr(cpu, "data-last");
  await expect.poll(() => attr(cpu, "data-last"), { timeout: 45_000 }).toBeGreaterThan(before);
  await shot(page, "vm-metrics");

  // A reload keeps the map colouring and the range.
  await page.reload();
  await expect(page.getByTestId("mci-map")).toHaveAttribute("data-colour-by", "cpu_utilization");
  await expect(page.getByTestId("vm-chart-cpu")).toHaveAttribute("data-range", "15m");
});

test("a suspended VM's chart shows the gap and the map greys it out", async ({ page, request }) => {
  test.setTimeout(180_000);
  const region = REGIONS[0];
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `pause-${Date.now() % 1_000_000}`, subGroups: [{ region, specId: await cheapSpec(request, "", region), count: 1 }] } });
  expect(created.status(), await created.text()).toBe(202);
  const mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
  const [vm] = mci.vms;
  // Its first samples arrive within a collector pass or two.
  await expect.poll(async () => (await (await request.get(`/api/v1/metrics?vm=${vm.id}&metric=cpu_utilization&from=now-5m&step=10`)).json()).series[0].points.length, { timeout: 60_000 }).toBeGreaterThan(0);

  await page.goto(`/ns/default/mci/${mci.id}?colour=cpu_utilization`);
  const map = page.getByTestId("mci-map");
  await expect(map).toHaveAttribute("data-heat-regions", "1");
  const suspend = await request.post(`/api/v1/ns/default/mci/${mci.id}/actions`, { data: { action: "suspend" } });
  expect(suspend.status(), await suspend.text()).toBeLessThan(300);
  await waitForMci(request, "", mci.id, (m) => m.status === "Suspended");
  // A suspended VM runs nothing: its region turns grey at once, not when its last sample grows old.
  await expect(map).toHaveAttribute("data-heat-regions", "0");
  await expect(page.getByTestId("heat-legend")).toBeVisible();
});

test("the MCI page lists its alert events, and a deleted rule resolves what it fired", async ({ page, request }) => {
  test.setTimeout(180_000);
  const region = REGIONS[1];
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `alarm-${Date.now() % 1_000_000}`, subGroups: [{ region, specId: await cheapSpec(request, "", region), count: 1 }] } });
  expect(created.status(), await created.text()).toBe(202);
  const mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
  const [vm] = mci.vms;
  const rule = await request.post("/api/v1/alerts/rules", { data: { name: "any CPU", metric: "cpu_utilization", agg: "last", op: ">=", threshold: 0, forSeconds: 0, scope: { mci: mci.id }, severity: "critical" } });
  expect(rule.status(), await rule.text()).toBe(201);
  const ruleId = (await rule.json()).id as string;

  await page.goto(`/ns/default/mci/${mci.id}`);
  // The tab says how many fire in this MCI, once the evaluator has seen the VM's samples.
  await expect(page.getByTestId("mci-firing")).toHaveText("1", { timeout: 60_000 });
  await page.getByRole("tab", { name: /Alerts/ }).click();
  const events = page.getByTestId("alert-events");
  await expect(events).toContainText("firing");
  await expect(events).toContainText("any CPU");
  await shot(page, "mci-alerts");
  // The VM in an event opens in the page's own panel.
  await events.getByText(vm.name).first().click();
  await expect(page).toHaveURL(new RegExp(`/vm/${vm.id}`));
  await expect(page.getByTestId("vm-panel")).toContainText(vm.name);
  await page.keyboard.press("Escape");

  const removed = await request.delete(`/api/v1/alerts/rules/${ruleId}`);
  expect(removed.status(), await removed.text()).toBe(204);
  await expect(page.getByTestId("mci-firing")).toHaveCount(0, { timeout: 30_000 });
  await expect(events).toContainText("resolved");
  // A new rule starts from the MCI it is for.
  await page.getByRole("link", { name: "New rule for this MCI" }).click();
  await expect(page).toHaveURL(/\/alerts\?mci=/);
  await expect(page.locator("#new-rule-panel select").filter({ has: page.locator(`option[value="${mci.id}"]`) })).toHaveValue(mci.id);
  const listed = await (await request.get(`/api/v1/alerts/events?ruleId=${ruleId}`)).json();
  expect(listed.map((e: { state: string; vm: string; value: number | null }) => [e.state, e.vm, e.value])).toEqual([
    ["resolved", vm.id, null],
    ["firing", vm.id, expect.any(Number)],
  ]);
});
