import { expect, test, type Locator, type Page } from "@playwright/test";
import { getMci } from "./support/api";

type Region = { key: string; provider: string; name: string; latitude: number; longitude: number; connections: string[] };
type Point = { x: number; y: number };

// The create map opens on this view from the URL, so every region's pixel can be worked out here.
const VIEW = { lat: 48, lon: 10, zoom: 4 };
const PANEL_PX = 36 * 16;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Leaflet's Web Mercator: a point's pixel in the world at a zoom level. */
function worldPx(lat: number, lon: number, zoom: number): Point {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: ((lon + 180) / 360) * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale };
}

/** Where each region's marker is on screen, for a map showing VIEW in `box`. */
function screenPoints(regions: readonly Region[], box: { x: number; y: number; width: number; height: number }) {
  const centre = worldPx(VIEW.lat, VIEW.lon, VIEW.zoom);
  return regions.map((r) => {
    const p = worldPx(r.latitude, r.longitude, VIEW.zoom);
    return { region: r, x: box.x + box.width / 2 + p.x - centre.x, y: box.y + box.height / 2 + p.y - centre.y };
  });
}

type Placed = ReturnType<typeof screenPoints>[number];

async function selectedKeys(list: Locator): Promise<string[]> {
  return list.locator("li[data-region]:has(input:checked)").evaluateAll((els) => els.map((e) => e.getAttribute("data-region") ?? ""));
}

test("create an MCI from the map, review it, watch it come up, control it, open a VM and delete it", async ({ page, request }) => {
  test.setTimeout(300_000);
  const regions = (await (await request.get("/api/v1/regions")).json()) as Region[];
  const name = `e2e-${Date.now() % 1_000_000}`;

  // The list: the way in.
  await page.goto("/mci");
  await expect(page.getByRole("link", { name: "MCIs", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("namespace-picker")).toHaveValue("default");
  await shot(page, "01-list-before");
  await page.getByRole("link", { name: "New MCI" }).first().click();
  await expect(page).toHaveURL(/\/ns\/default\/mci\/new/);

  // Open the create map on a known view so marker positions can be computed.
  await page.goto(`/ns/default/mci/new?at=${VIEW.lat},${VIEW.lon},${VIEW.zoom}`);
  const map = page.getByTestId("create-map");
  await expect(map).toHaveAttribute("data-region-count", String(regions.length));
  await expect(map.locator("canvas").first()).toBeVisible();
  const box = await map.boundingBox();
  if (!box) throw new Error("the create map has no size");
  const placed = screenPoints(regions, box);
  // Clear of the search box and hint (top left), the legend (bottom left) and the panel (right).
  const safe = placed.filter((p) => p.x > box.x + 430 && p.x < box.x + box.width - PANEL_PX - 40 && p.y > box.y + 160 && p.y < box.y + box.height - 40);
  const isolated = safe.filter((p) => p.region.connections.length > 0 && placed.every((q) => q === p || Math.hypot(q.x - p.x, q.y - p.y) >= 20));
  expect(isolated.length, "regions to click in the view").toBeGreaterThanOrEqual(3);
  const list = page.getByTestId("region-list");
  const panel = page.getByTestId("create-panel");
  await expect(panel).toHaveAttribute("data-step", "regions");
  await shot(page, "02-create-map");

  // Shift+drag a box: every region well inside is added, none well outside.
  const margin = 5;
  let boxPick: { from: Point; to: Point; inside: Placed[] } | null = null;
  for (const centre of safe) {
    const from = { x: centre.x - 70, y: centre.y - 50 };
    const to = { x: centre.x + 70, y: centre.y + 50 };
    if (from.x < box.x + 430 || to.x > box.x + box.width - PANEL_PX - 40 || from.y < box.y + 160 || to.y > box.y + box.height - 40) continue;
    const within = (p: Placed, m: number) => p.x > from.x + m && p.x < to.x - m && p.y > from.y + m && p.y < to.y - m;
    const inside = placed.filter((p) => within(p, margin));
    const nearEdge = placed.filter((p) => within(p, -margin) && !within(p, margin));
    // The corners must not sit on a marker: the drag starts on empty map.
    const onCorner = placed.some((p) => Math.hypot(p.x - from.x, p.y - from.y) < 14 || Math.hypot(p.x - to.x, p.y - to.y) < 14);
    if (inside.length >= 2 && nearEdge.length === 0 && !onCorner) {
      boxPick = { from, to, inside };
      break;
    }
  }
  if (!boxPick) throw new Error("no box with two regions well inside it in this view");
  await page.keyboard.down("Shift");
  await expect(page.getByTestId("map-hint")).toHaveAttribute("data-armed", "true");
  await page.mouse.move(boxPick.from.x, boxPick.from.y);
  await page.mouse.down();
  await page.mouse.move(boxPick.to.x, boxPick.to.y, { steps: 10 });
  await shot(page, "03-box-select-drawing");
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(map).toHaveAttribute("data-selected-count", String(boxPick.inside.length));
  expect((await selectedKeys(list)).sort()).toEqual(boxPick.inside.map((p) => p.region.key).sort());
  await shot(page, "04-box-selected");
  await panel.getByRole("button", { name: "Clear" }).click();
  await expect(map).toHaveAttribute("data-selected-count", "0");

  // Click three isolated markers; the list ticks each one.
  const picks = isolated.slice(0, 3);
  for (const [i, p] of picks.entries()) {
    await page.mouse.click(p.x, p.y);
    await expect(map).toHaveAttribute("data-selected-count", String(i + 1));
    await expect(list.getByRole("checkbox", { name: p.region.key, exact: true })).toBeChecked();
  }
  // A second click on a marker removes it again; the list's checkbox adds it back.
  await page.mouse.click(picks[2].x, picks[2].y);
  await expect(map).toHaveAttribute("data-selected-count", "2");
  await list.getByRole("checkbox", { name: picks[2].region.key, exact: true }).check();
  await expect(map).toHaveAttribute("data-selected-count", "3");
  expect((await selectedKeys(list)).sort()).toEqual(picks.map((p) => p.region.key).sort());
  await expect(page).toHaveURL(new RegExp(`regions=${picks.map((p) => p.region.key).join(",")}`));
  await shot(page, "05-three-regions");

  // Configure: name, policy, counts; each subgroup gets the cheapest spec that fits.
  await panel.getByRole("button", { name: /Configure 3 subgroups/ }).click();
  await expect(panel).toHaveAttribute("data-step", "configure");
  await panel.getByRole("button", { name: "Review →" }).click();
  await expect(page.getByTestId("name-error")).toContainText("name is required");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByTestId("name-error")).toHaveCount(0);
  await page.getByLabel("Description").fill("End-to-end test fleet");
  await panel.getByRole("radio", { name: /refine/ }).check();
  const editors = panel.getByTestId("subgroup-editor");
  await expect(editors).toHaveCount(3);
  for (const editor of await editors.all()) await expect(editor).not.toHaveAttribute("data-spec", "");
  await editors.first().getByTestId("subgroup-count").fill("2");
  await expect(page.getByTestId("estimate")).toContainText("4 VMs");
  await expect(page.getByTestId("estimate")).toContainText(/\$\d+\.\d+\/h/);
  await shot(page, "06-configure");

  // Review: every VM that will be made, cost per hour and per month, warnings; nothing made yet.
  await panel.getByRole("button", { name: "Review →" }).click();
  await expect(panel).toHaveAttribute("data-step", "review");
  const rows = page.getByTestId("review-vm-row");
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId("review-vm-count")).toHaveText("4");
  await expect(page.getByTestId("review-cost-hour")).toHaveText(/^\$\d+\.\d+\/h$/);
  await expect(page.getByTestId("review-cost-month")).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(page.getByTestId("review-warnings")).toBeVisible();
  await expect(rows.first()).toContainText(`${picks[0].region.key}-1`);
  await expect(rows.nth(1)).toContainText(`${picks[0].region.key}-2`);
  for (const p of picks) await expect(page.getByTestId("review-table")).toContainText(p.region.name);
  const before = (await (await request.get("/api/v1/ns/default/mci")).json()) as { name: string }[];
  expect(before.map((m) => m.name)).not.toContain(name);
  await shot(page, "07-review");

  // Create: the MCI page shows the deployment live until every VM runs.
  await panel.getByRole("button", { name: "Create 4 VMs" }).click();
  await expect(page).toHaveURL(/\/ns\/default\/mci\/mci-[0-9a-f]+$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const progress = page.getByTestId("mci-progress");
  await expect(progress).toHaveAttribute("data-total", "4");
  await shot(page, "08-deploying");
  await expect(progress).toHaveAttribute("data-running", "4");
  await expect(progress).toHaveAttribute("aria-valuenow", "4");
  await expect(page.getByTestId("mci-progress-text")).toHaveText("4/4 running");
  await expect(page.getByTestId("mci-header").getByTestId("status-badge")).toHaveAttribute("data-status", "Running");
  await expect(page.getByTestId("mci-map")).toHaveAttribute("data-region-count", "3");
  await expect(page.getByTestId("mci-cost")).toHaveText(/^\$\d+\.\d+\/h$/);
  await expect(page.getByTestId("vm-row")).toHaveCount(4);
  await expect(page.getByTestId("last-event")).toContainText("deployment finished");
  await page.waitForTimeout(800); // the bar's width eases for 0.5 s
  await shot(page, "09-running");

  // An invalid transition is refused with the server's reason.
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  const notice = page.getByTestId("action-notice");
  await expect(notice).toHaveAttribute("data-tone", "error");
  await expect(notice).toContainText("cannot resume a VM that is Running");
  await shot(page, "10-refused");

  // Suspend the whole MCI, then resume it.
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(notice).toHaveAttribute("data-tone", "ok");
  await expect(progress).toHaveAttribute("data-suspended", "4");
  await expect(page.getByTestId("mci-progress-text")).toHaveText("0/4 running · 4 suspended");
  await expect(page.getByTestId("mci-header").getByTestId("status-badge")).toHaveAttribute("data-status", "Suspended");
  await shot(page, "11-suspended");
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(notice).toHaveAttribute("data-tone", "ok");
  await expect(progress).toHaveAttribute("data-running", "4");
  await expect(page.getByTestId("mci-progress-text")).toHaveText("4/4 running");

  // One VM only: tick it and reboot it; the others are left alone.
  const firstRow = page.getByTestId("vm-row").first();
  const rebootedId = (await firstRow.getAttribute("data-vm-id"))!;
  await firstRow.getByRole("checkbox").check();
  await expect(page.getByTestId("action-scope")).toHaveValue("selected");
  await page.getByRole("button", { name: "Reboot", exact: true }).click();
  await expect(notice).toContainText("Reboot requested for 1 VM");
  const rebooted = async () => {
    const body = (await (await request.get(`/api/v1/ns/default/mci/${id}`)).json()) as { vms: { id: string; status: string; history: { status: string }[] }[] };
    const v = body.vms.find((x) => x.id === rebootedId)!;
    return { status: v.status, rebooted: v.history.some((h) => h.status === "Rebooting") };
  };
  await expect.poll(rebooted, { timeout: 30_000 }).toEqual({ status: "Running", rebooted: true });
  await expect(progress).toHaveAttribute("data-running", "4");

  // Scale a subgroup out and add one: the totals grow and everything comes up.
  await page.getByRole("tab", { name: /Subgroups/ }).click();
  const card = page.getByTestId("subgroup-card").filter({ hasText: picks[1].region.key }).first();
  await card.getByRole("button", { name: "Scale out" }).click();
  await expect(notice).toContainText("Scaling");
  await expect(progress).toHaveAttribute("data-total", "5");
  await page.getByRole("button", { name: "+ Add a subgroup" }).click();
  const extra = isolated[3] ?? isolated[0];
  const add = page.getByTestId("add-subgroup");
  await add.getByLabel("Region for the new subgroup").fill(extra.region.key);
  await add.getByRole("button", { name: new RegExp(extra.region.key) }).click();
  await expect(add.getByTestId("subgroup-editor")).not.toHaveAttribute("data-spec", "");
  await add.getByPlaceholder(extra.region.key).fill("extra");
  await add.getByRole("button", { name: "Add 1 VM" }).click();
  await expect(progress).toHaveAttribute("data-total", "6");
  await expect(progress).toHaveAttribute("data-running", "6");
  await expect(page.getByTestId("subgroup-card")).toHaveCount(4);
  await page.getByRole("tab", { name: /Events/ }).click();
  await expect(page.getByTestId("event-log")).toContainText("subgroup extra added");
  await shot(page, "12-grown-events");

  // The list shows it too, with its counts.
  await page.goto("/mci");
  const row = page.locator(`[data-testid="mci-row"][data-name="${name}"]`);
  await expect(row.getByTestId("mci-progress-text")).toHaveText("6/6 running");
  await shot(page, "13-list-with-mci");

  // ?region= shows one region's VMs (what a click on its ring does); Esc shows them all again.
  await page.goto(`/ns/default/mci/${id}?region=${picks[0].region.key}`);
  await expect(page.getByTestId("vm-row")).toHaveCount(2);
  await expect(page.getByTestId("mci-panel")).toContainText(`Only ${picks[0].region.name}`);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("vm-row")).toHaveCount(6);
  await expect(page).not.toHaveURL(/region=/);

  // A VM's own URL opens the MCI page with its panel: addresses, spec, status history.
  const mci = await getMci(request, "", id);
  const vm = mci.vms.find((v) => v.subGroup === picks[0].region.key)!;
  expect(vm.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  await page.goto(`/ns/default/mci/${id}/vm/${vm.id}`);
  const vmPanel = page.getByTestId("vm-panel");
  await expect(vmPanel).toBeVisible();
  await expect(vmPanel.getByRole("heading", { level: 2 })).toHaveText(vm.name);
  await expect(vmPanel.getByTestId("vm-public-ip")).toHaveText(vm.publicIp!);
  await expect(vmPanel.getByTestId("vm-private-ip")).toHaveText(vm.privateIp!);
  await expect(vmPanel.getByTestId("vm-connection")).toContainText(vm.connection);
  const history = vmPanel.getByTestId("vm-history-entry");
  const statuses = await history.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(statuses).toEqual(expect.arrayContaining(["Creating", "Running", "Suspending", "Suspended", "Resuming"]));
  expect(statuses[0]).toBe("Creating");
  expect(statuses.at(-1)).toBe("Running");
  await expect(history.first()).toContainText(/\d{2}:\d{2}:\d{2}\.\d{3} UTC/);
  await expect(page.locator(`[data-testid="vm-row"][data-vm-id="${vm.id}"]`)).toHaveClass(/shadow/);
  await page.waitForTimeout(400); // the panel slides in
  await shot(page, "14-vm-panel");
  await page.keyboard.press("Escape");
  await expect(vmPanel).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/ns/default/mci/${id}$`));

  // Delete: asks first, shows the termination live, then returns to the list without it.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("alertdialog", { name: "Confirm delete" })).toContainText("6 VMs are terminated");
  await shot(page, "15-delete-confirm");
  await page.getByRole("button", { name: "Delete MCI" }).click();
  await expect(page).toHaveURL(/\/mci\?ns=default&deleted=/, { timeout: 60_000 });
  await expect(page.getByTestId("notice")).toContainText(`Deleted ${name}`);
  await expect(page.locator(`[data-testid="mci-row"][data-name="${name}"]`)).toHaveCount(0);
  expect((await request.get(`/api/v1/ns/default/mci/${id}`)).status()).toBe(404);
  await shot(page, "16-list-after-delete");
});

test("a new namespace starts empty and says how to begin; an unknown MCI says what to do", async ({ page }) => {
  const ns = `team-${Date.now() % 100_000}`;
  await page.goto("/mci");
  await page.getByRole("button", { name: "+ Namespace" }).click();
  await page.getByLabel("New namespace name").fill("Bad Name");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "namespace name" })).toContainText("lower-case");
  await page.getByLabel("New namespace name").fill(ns);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/mci\\?ns=${ns}$`));
  await expect(page.getByTestId("namespace-picker")).toHaveValue(ns);
  await expect(page.getByTestId("empty-state")).toContainText(`No MCIs in ${ns} yet`);
  await expect(page.getByTestId("empty-state").getByRole("link", { name: "New MCI" })).toHaveAttribute("href", `/ns/${ns}/mci/new`);
  await shot(page, "01-empty-namespace");

  await page.goto(`/ns/${ns}/mci/mci-nope`);
  await expect(page.getByTestId("mci-error")).toContainText(`No MCI mci-nope in namespace ${ns}`);
  await expect(page.getByTestId("mci-error").getByRole("link")).toHaveAttribute("href", `/mci?ns=${ns}`);
  await shot(page, "02-unknown-mci");
});

test("a global MCI: 100 regions on one map, live progress until all 300 VMs run", async ({ page, request }) => {
  test.setTimeout(300_000);
  const regions = ((await (await request.get("/api/v1/regions")).json()) as Region[]).filter((r) => r.connections.length > 0);
  expect(regions.length).toBeGreaterThanOrEqual(100);
  const picked = Array.from({ length: 100 }, (_, i) => regions[Math.floor((i * regions.length) / 100)]);
  const subGroups = await Promise.all(
    picked.map(async (r) => {
      const specs = (await (await request.get(`/api/v1/regions/${r.key}/specs`)).json()) as { id: string; pricePerHour: number; accelerator: unknown }[];
      const spec = specs.filter((s) => !s.accelerator).sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
      return { region: r.key, specId: spec.id, count: 3 };
    }),
  );
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `global-${Date.now() % 100_000}`, description: "100 regions, 3 VMs each", subGroups } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/ns/default/mci/${id}`);
  const progress = page.getByTestId("mci-progress");
  await expect(progress).toHaveAttribute("data-total", "300");
  await expect(page.getByTestId("mci-map")).toHaveAttribute("data-region-count", "100");
  await expect(page.getByTestId("mci-map").locator("canvas").first()).toBeVisible();
  await page.waitForTimeout(600);
  await shot(page, "01-global-opened");
  await expect(progress).toHaveAttribute("data-running", "300", { timeout: 240_000 });
  await expect(page.getByTestId("mci-progress-text")).toHaveText("300/300 running");
  // The table is virtual: it says how many rows it has, and renders those in view.
  await expect(page.getByTestId("vm-table")).toHaveAttribute("aria-rowcount", "301");
  await page.waitForTimeout(800);
  await shot(page, "02-global-running");

  // 300 VMs in 100 clouds controlled as one: suspend them all, watch, resume them all.
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByTestId("action-notice")).toContainText("Suspend requested for 300 VM");
  await shot(page, "03-global-suspend-requested");
  await expect(progress).toHaveAttribute("data-suspended", "300", { timeout: 120_000 });
  await expect(page.getByTestId("mci-cost")).toHaveText("$0.0000/h");
  await page.getByLabel("Only VMs in status").selectOption("Suspended");
  await expect(page.getByTestId("vm-table")).toHaveAttribute("aria-rowcount", "301");
  await page.waitForTimeout(800);
  await shot(page, "04-global-suspended");
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(progress).toHaveAttribute("data-running", "300", { timeout: 120_000 });

  // One VM of one region suspended: that region's ring shows both colours, the MCI is partial.
  await page.getByLabel("Only VMs in status").selectOption("all");
  const first = page.getByTestId("vm-row").first();
  await first.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(progress).toHaveAttribute("data-suspended", "1");
  await expect(page.getByTestId("mci-progress-text")).toHaveText("299/300 running · 1 suspended");
  await expect(page.getByTestId("mci-header").getByTestId("status-badge")).toHaveAttribute("data-status", "Partial-Running (299/300)");
  await first.getByRole("button").click();
  await expect(page.getByTestId("vm-panel")).toBeVisible();
  await expect(page).toHaveURL(/\/vm\/vm-/);
  await page.waitForTimeout(400);
  await shot(page, "05-global-one-suspended");

  // Deleted elsewhere (here through the API): once it is gone the page returns to the list and says so.
  expect((await request.delete(`/api/v1/ns/default/mci/${id}`)).status()).toBe(202);
  await expect(page).toHaveURL(/\/mci\?ns=default&deleted=global-/, { timeout: 120_000 });
  await expect(page.getByTestId("notice")).toContainText("Deleted global-");
});
