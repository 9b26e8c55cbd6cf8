import { expect, test, type Page } from "@playwright/test";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

// Two good rows, one bad, three more good: the bad one is reported by its line number.
const CSV = ["lat,lon,weight,label", "51.51,-0.13,2,London", "-23.55,-46.63,1,São Paulo", "91,10,1,Nowhere", "1.35,103.82,1,Singapore", "-33.87,151.21,1,Sydney", "19.43,-99.13,1,Mexico City"].join("\n");

test("place a conference audience, compare with the baselines and deploy the plan", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/placement");
  await expect(page.getByRole("link", { name: "Placement", exact: true })).toHaveAttribute("aria-current", "page");
  const map = page.getByTestId("placement-map");
  await expect(map.locator("canvas").first()).toBeVisible();
  await expect(map).toHaveAttribute("data-point-count", "0");

  // Click the map in three places, well clear of the panel on the right.
  const box = await map.boundingBox();
  if (!box) throw new Error("the placement map has no size");
  for (const [x, y] of [
    [0.18, 0.32],
    [0.3, 0.3],
    [0.45, 0.4],
  ]) {
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
  }
  await expect(map).toHaveAttribute("data-point-count", "3");

  // Drag the last point a little: it moves (the audience in the URL changes) and nothing is added or removed.
  await expect(page).toHaveURL(/audience=/);
  const before = page.url();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.48, box.y + box.height * 0.43, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 5 });
  await page.mouse.up();
  await expect(page).not.toHaveURL(before);
  await expect(map).toHaveAttribute("data-point-count", "3");

  await page.getByTestId("audience-csv").setInputFiles({ name: "audience.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByTestId("csv-report")).toContainText("5 points added, 1 line skipped");
  await expect(page.getByTestId("csv-report")).toContainText("line 4: lat");
  await expect(map).toHaveAttribute("data-point-count", "8");
  // A small audience lives in the URL.
  await expect(page).toHaveURL(/audience=/);
  await shot(page, "01-audience");

  await page.getByRole("button", { name: "Run placement" }).click();
  const result = page.getByTestId("placement-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(map).toHaveAttribute("data-line-count", "8");
  await expect(map).toHaveAttribute("data-chosen-count", "3");
  await expect(page.getByTestId("latency-histogram").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("region-table").locator("tbody tr")).toHaveCount(3);
  // "Optimal" only when proven; otherwise the proven gap (and the budget note when it applies).
  await expect(page.getByTestId("solver-verdict")).toHaveText(/^(proven optimal|within \d+\.\d% of optimal( \(time budget reached\))?|no bound proven \(time budget reached\))$/);

  const ms = async (id: string) => Number(await page.getByTestId(`figure-${id}`).getAttribute("data-ms"));
  const optimal = await ms("optimal");
  const random = await ms("random");
  expect(optimal).toBeGreaterThan(0);
  expect(optimal).toBeLessThanOrEqual(random);
  expect(optimal).toBeLessThanOrEqual(await ms("centroid"));
  expect(optimal).toBeLessThanOrEqual(await ms("nearest"));
  await shot(page, "02-result");
  await page.getByRole("radiogroup", { name: "Objective" }).scrollIntoViewIfNeeded();
  await shot(page, "03-constraints");

  const chosen = await page.getByTestId("region-table").locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-region") ?? ""));
  expect(chosen).toHaveLength(3);

  // Deploy: the MCI create page opens with one subgroup per chosen region, on the plan's spec.
  await page.getByRole("button", { name: /Deploy this plan/ }).click();
  await expect(page).toHaveURL(/\/ns\/default\/mci\/new\?regions=/);
  const list = page.getByTestId("region-list");
  await expect
    .poll(async () => (await list.locator("li[data-region]:has(input:checked)").evaluateAll((els) => els.map((e) => e.getAttribute("data-region") ?? ""))).sort())
    .toEqual([...chosen].sort());
  await expect(page.getByTestId("create-map")).toHaveAttribute("data-selected-count", "3");
  await page.getByRole("button", { name: /Configure 3 subgroups/ }).click();
  await expect(page.getByTestId("estimate")).toContainText("3 VMs");
  await shot(page, "04-deploy-configure");
});

test("the hint on an empty map is whole and clear of the panel on common screens", async ({ page }) => {
  await page.goto("/placement");
  const hint = page.getByTestId("placement-hint");
  const panel = page.getByTestId("placement-panel");
  for (const [width, height] of [
    [1280, 720],
    [1600, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await expect(hint).toHaveText("Click the map where participants are, or pick a preset on the right.");
    const [h, p] = [await hint.boundingBox(), await panel.boundingBox()];
    if (!h || !p) throw new Error("the hint or the panel has no size");
    expect(h.x, `${width}×${height}: the hint starts on screen`).toBeGreaterThanOrEqual(0);
    expect(h.x + h.width, `${width}×${height}: the hint ends before the panel`).toBeLessThanOrEqual(p.x);
    const clipped = await hint.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    expect(clipped, `${width}×${height}: the hint is not clipped`).toBe(false);
    await shot(page, `00-hint-${width}x${height}`);
  }
});

test("a thousand users weighted by city population stay smooth", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/placement");
  const map = page.getByTestId("placement-map");
  await expect(map.locator("canvas").first()).toBeVisible();
  await page.getByRole("button", { name: "1,000 users by population" }).click();
  await expect(map).toHaveAttribute("data-point-count", "1000");
  await expect(page).toHaveURL(/preset=population-1000/);
  await page.getByRole("radio", { name: "p95" }).click();
  await page.getByTestId("placement-k").fill("5");
  await page.getByRole("button", { name: "Run placement" }).click();
  await expect(page.getByTestId("placement-result")).toBeVisible({ timeout: 90_000 });
  await expect(map).toHaveAttribute("data-line-count", "1000");
  expect(Number(await page.getByTestId("figure-optimal").getAttribute("data-ms"))).toBeLessThanOrEqual(Number(await page.getByTestId("figure-random").getAttribute("data-ms")));
  await shot(page, "05-population-1000");

  // A reload keeps the audience.
  await page.reload();
  await expect(page.getByTestId("placement-map")).toHaveAttribute("data-point-count", "1000");
});
