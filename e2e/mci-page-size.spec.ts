import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { waitForMci, type Mci } from "./support/api";

type Region = { key: string; provider: string; connections: string[] };

const REGIONS = 40;
const PER_REGION = 50;
const TOTAL = REGIONS * PER_REGION;
// The page's DOM budget, whatever the VM count (the table is virtual, the map a canvas).
const MAX_NODES = 3_000;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

/** The row holding the keyboard focus: its position among the rows shown, and which control has it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const row = el?.closest<HTMLElement>('[data-testid="vm-row"]');
    return row ? { index: Number(row.dataset.index), id: row.dataset.vmId, control: el?.dataset.control ?? null } : null;
  });

/** A 1-vCPU spec when the region has one (the simulator's quota is 512 vCPUs per region), else the cheapest small one. */
async function smallSpec(api: APIRequestContext, region: string): Promise<string> {
  const specs = (await (await api.get(`/api/v1/regions/${region}/specs`)).json()) as { id: string; pricePerHour: number; accelerator: unknown; vcpu: number }[];
  return specs.filter((s) => !s.accelerator && s.vcpu <= 2).sort((a, b) => a.vcpu - b.vcpu || a.pricePerHour - b.pricePerHour)[0].id;
}

test("a 2,000-VM MCI: the page stays under 3,000 DOM nodes, and filter, sort, ticks, keyboard and a VM's link all work", async ({ page, request }) => {
  test.setTimeout(600_000);
  const regions = ((await (await request.get("/api/v1/regions")).json()) as Region[]).filter((r) => r.connections.length > 0);
  const picked = Array.from({ length: REGIONS }, (_, i) => regions[Math.floor((i * regions.length) / REGIONS)]);
  const subGroups = await Promise.all(picked.map(async (r) => ({ region: r.key, specId: await smallSpec(request, r.key), count: PER_REGION })));
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `big-${Date.now() % 100_000}`, subGroups } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  const mci: Mci = await waitForMci(request, "", id, (m) => m.statusCount.running === TOTAL, 360_000);

  try {
    await page.goto(`/ns/default/mci/${id}`);
    const table = page.getByTestId("vm-table");
    const rows = page.getByTestId("vm-row");
    await expect(table).toHaveAttribute("aria-rowcount", String(TOTAL + 1));
    await expect(rows.first()).toBeVisible();
    await expect(rows.first()).toHaveAttribute("aria-rowindex", "2");
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(await rows.count()).toBeLessThan(60);
    await shot(page, "01-opened");
    // Still a table to assistive technology: no serious WCAG 2 A/AA violation in it.
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="vm-table"]').withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await expect(page.getByRole("table")).toHaveAttribute("data-testid", "vm-table");
    await expect(page.getByRole("columnheader", { name: "Public IP" })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount((await rows.count()) + 1);

    // Filter: one subgroup's VMs; tick every one shown, and only those.
    const sg = picked[7].key;
    const filter = page.getByLabel("Filter VMs");
    await filter.fill(sg);
    const shownCount = Number(await table.getAttribute("aria-rowcount")) - 1;
    expect(shownCount).toBeGreaterThanOrEqual(PER_REGION);
    expect(shownCount).toBeLessThan(TOTAL);
    await expect(page.getByText(`Showing ${shownCount} of ${TOTAL.toLocaleString("en-US")}`)).toBeVisible();
    await page.getByLabel("Select every VM shown").check();
    await expect(page.getByTestId("action-scope")).toHaveValue("selected");
    await expect(page.getByTestId("mci-panel")).toContainText(`${shownCount} selected`);
    await shot(page, "02-filtered-ticked");
    await page.getByRole("button", { name: "clear", exact: true }).click();
    await filter.fill("no-such-vm-anywhere");
    await expect(page.getByText("No VM matches these filters")).toBeVisible();
    await filter.fill("");

    // Status filter: every VM runs.
    await page.getByLabel("Only VMs in status").selectOption("Running");
    await expect(table).toHaveAttribute("aria-rowcount", String(TOTAL + 1));
    await page.getByLabel("Only VMs in status").selectOption("all");

    // Keyboard: Space ticks, Tab goes on in the row, arrows and Home/End move between rows.
    const firstTick = rows.first().getByRole("checkbox");
    await firstTick.focus();
    await page.keyboard.press("Space");
    await expect(firstTick).toBeChecked();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ index: 0, control: "open" });
    await page.keyboard.press("ArrowDown");
    expect(await focused(page)).toMatchObject({ index: 1, control: "open" });
    await page.keyboard.press("End");
    await expect.poll(() => focused(page)).toMatchObject({ index: TOTAL - 1, control: "open" });
    const last = (await focused(page))!.id!;
    const lastRow = page.locator(`[data-testid="vm-row"][data-vm-id="${last}"]`);
    await expect(lastRow).toHaveAttribute("aria-rowindex", String(TOTAL + 1));
    await expect(lastRow).toBeInViewport();
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await shot(page, "03-keyboard-end");
    await page.keyboard.press("Home");
    await expect.poll(() => focused(page)).toMatchObject({ index: 0, control: "open" });

    // The focused row scrolled far out of view keeps the focus, and Tab goes on to the next row.
    await table.evaluate((t) => t.parentElement!.scrollTo({ top: t.parentElement!.scrollHeight }));
    await expect(lastRow).toBeVisible();
    expect(await focused(page)).toMatchObject({ index: 0, control: "open" });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ index: 1, control: "tick" });
    await expect(rows.filter({ has: page.locator(":focus") })).toBeInViewport();

    // Enter on a row's name opens its panel; Esc closes it.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("vm-panel")).toBeVisible();
    await expect(page).toHaveURL(/\/vm\/vm-/);
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("vm-panel")).toBeHidden();

    // Hottest first: with the map coloured by CPU, the table sorts by each VM's CPU now.
    await page.getByRole("radio", { name: "CPU" }).click();
    await expect(page.getByTestId("vm-metric").first()).toBeVisible();
    await page.getByRole("button", { name: /^CPU/ }).click();
    await expect(page.getByRole("columnheader", { name: /CPU/ })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByTestId("vm-metric").first()).toContainText("%", { timeout: 90_000 });
    const values = await page.getByTestId("vm-metric").evaluateAll((els) => els.map((e) => (e.textContent?.includes("%") ? Number.parseInt(e.textContent, 10) : -1)));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await shot(page, "04-hottest-first");

    // A VM's own link opens its panel and scrolls its row into view.
    const far = mci.vms.find((v) => v.id === last)!;
    await page.goto(`/ns/default/mci/${id}/vm/${far.id}`);
    await expect(page.getByTestId("vm-panel").getByRole("heading", { level: 2 })).toHaveText(far.name);
    await expect(lastRow).toBeInViewport();
    await expect(lastRow).toHaveClass(/shadow/);
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await page.waitForTimeout(400); // the panel slides in
    await shot(page, "05-deep-link");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("vm-panel")).toBeHidden();
    await expect(lastRow).toBeInViewport();
    await shot(page, "06-deep-link-row");

    // 10,000 VMs: the same MCI answered five times over; the page keeps to the same budget.
    // The watch stream is refused so the page falls back to polling the enlarged answer.
    await page.route(`**/api/v1/ns/default/mci/${id}/watch`, (route) => route.abort());
    await page.route(`**/api/v1/ns/default/mci/${id}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Mci & { statusCount: Record<string, number> };
      const vms = [0, 1, 2, 3, 4].flatMap((k) => body.vms.map((v) => ({ ...v, id: `${v.id}-${k}`, name: `${v.name}-${k}` })));
      const statusCount = Object.fromEntries(Object.entries(body.statusCount).map(([key, n]) => [key, n * 5]));
      await route.fulfill({ response, json: { ...body, vms, statusCount } });
    });
    await page.goto(`/ns/default/mci/${id}`);
    await expect(table).toHaveAttribute("aria-rowcount", String(5 * TOTAL + 1));
    await expect(rows.first()).toBeVisible();
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await rows.first().getByRole("button").focus();
    await page.keyboard.press("End");
    await expect.poll(() => focused(page)).toMatchObject({ index: 5 * TOTAL - 1 });
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await shot(page, "07-ten-thousand");
    await page.unrouteAll();
  } finally {
    // Keep the shared server light for the specs after this one.
    expect((await request.delete(`/api/v1/ns/default/mci/${id}`)).status()).toBe(202);
    await expect.poll(async () => (await request.get(`/api/v1/ns/default/mci/${id}`)).status(), { timeout: 240_000, intervals: [1000, 2000] }).toBe(404);
  }
});
