import { expect, test, type Page } from "@playwright/test";
import { cheapSpec, waitForMci } from "./support/api";

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

// Berlin, São Paulo, Tokyo, Sydney, New York, Nairobi: participants on five continents.
const AUDIENCE = "52.52,13.4,1,Berlin;-23.55,-46.63,1,Sao Paulo;35.68,139.69,1,Tokyo;-33.87,151.21,1,Sydney;40.71,-74.01,1,New York;-1.29,36.82,1,Nairobi";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/present-${name}.png` });
}

/** The computed font size, in CSS pixels, of a big figure's value. */
async function figureSize(page: Page, id: string): Promise<number> {
  return page.getByTestId(`present-figure-${id}`).locator("dd").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

async function expectPresenting(page: Page, figures: readonly string[]) {
  await expect(page.getByTestId("present-shell")).toBeVisible();
  // No navigation chrome: the console's bar is gone.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByTestId("present-button")).toHaveCount(0);
  for (const id of figures) {
    await expect(page.getByTestId(`present-figure-${id}`)).toBeVisible();
    expect(await figureSize(page, id), `figure ${id}`).toBeGreaterThanOrEqual(24);
  }
  expect(await page.getByTestId("present-caption").evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(22);
  await expect(page.getByTestId("present-clock")).toBeVisible();
  await expect(page.getByTestId("present-hint")).toContainText("Esc");
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("the home map presents the world, then each continent, and Esc leaves", async ({ page }) => {
      await page.goto("/?present=1");
      await expectPresenting(page, ["clouds", "regions"]);
      await expect(page.getByTestId("world-map")).toBeVisible();
      // The operating UI is hidden: search and the provider legend's buttons.
      await expect(page.getByRole("combobox")).toHaveCount(0);
      await expect(page.getByTestId("present-caption")).toContainText("Every cloud on one map");
      await expect(page.getByTestId("present-clock")).toHaveAttribute("data-state", /wall|running/);
      const scenes = Number(await page.getByTestId("present-shell").getAttribute("data-scenes"));
      expect(scenes).toBeGreaterThan(2);
      await page.waitForTimeout(300);
      await shot(page, `map-${size.width}-1`);

      await page.keyboard.press("ArrowRight");
      await expect(page).toHaveURL(/present=1&scene=2|scene=2.*present=1/);
      await expect(page.getByTestId("present-shell")).toHaveAttribute("data-scene", "2");
      await expect(page.getByTestId("present-figure-regions").locator("dt")).toContainText("Regions in");
      await page.waitForTimeout(1200);
      await shot(page, `map-${size.width}-2`);

      await page.keyboard.press("ArrowLeft");
      await expect(page.getByTestId("present-shell")).toHaveAttribute("data-scene", "1");
      await expect(page).not.toHaveURL(/scene=/);

      await page.keyboard.press("Escape");
      await expect(page.getByTestId("present-shell")).toHaveCount(0);
      await expect(page).not.toHaveURL(/present=/);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    });

    test("placement runs by itself when presented and compares with a careless placement", async ({ page }) => {
      await page.goto(`/placement?present=1&audience=${encodeURIComponent(AUDIENCE)}`);
      await expectPresenting(page, ["participants", "mean", "worst", "random"]);
      await expect(page.getByTestId("present-figure-participants")).toHaveAttribute("data-value", "6");
      // The placement ran with nobody clicking: the figures are numbers, said to be estimated.
      await expect(page.getByTestId("present-figure-mean")).toHaveAttribute("data-value", /^\d/, { timeout: 60_000 });
      await expect(page.getByTestId("present-figure-mean").locator("dt")).toContainText("estimated");
      await expect(page.getByTestId("placement-panel")).toBeHidden();
      await page.waitForTimeout(300);
      await shot(page, `placement-${size.width}-1`);

      await page.keyboard.press("ArrowRight");
      await expect(page).toHaveURL(/scene=2/);
      await expect(page.getByTestId("present-caption")).toContainText("The engine picks 3 regions");
      await page.waitForTimeout(1200);
      await shot(page, `placement-${size.width}-2`);

      await page.keyboard.press("ArrowRight");
      await expect(page).toHaveURL(/scene=3/);
      const comparison = page.getByTestId("present-comparison");
      await expect(comparison).toBeVisible();
      const placed = Number(await comparison.getByTestId("present-compare-optimal").getAttribute("data-ms"));
      const random = Number(await comparison.getByTestId("present-compare-random").getAttribute("data-ms"));
      expect(placed).toBeLessThanOrEqual(random);
      await page.waitForTimeout(1200);
      await shot(page, `placement-${size.width}-3`);

      // The last scene stays the last.
      await page.keyboard.press("ArrowRight");
      await expect(page.getByTestId("present-shell")).toHaveAttribute("data-scene", "3");

      await page.keyboard.press("Escape");
      await expect(page).not.toHaveURL(/present=|scene=/);
      await expect(page).toHaveURL(/audience=/);
      await expect(page.getByTestId("placement-panel")).toBeVisible();
    });
  });
}

test.describe("an MCI presented", () => {
  let mciId = "";
  let mciName = "";

  test.beforeAll(async ({ request }) => {
    const regions = ["aws-us-east-1", "gcp-europe-west3", "azure-japaneast"];
    const subGroups = [];
    for (const [i, region] of regions.entries()) subGroups.push({ name: `g${i + 1}`, region, specId: await cheapSpec(request, "", region), count: 2 });
    mciName = `present-${Date.now() % 1_000_000}`;
    const created = await request.post("/api/v1/ns/default/mci", { data: { name: mciName, subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    mciId = ((await created.json()) as { id: string }).id;
    await waitForMci(request, "", mciId, (m) => m.status === "Running");
  });

  test.afterAll(async ({ request }) => {
    if (mciId) await request.delete(`/api/v1/ns/default/mci/${mciId}`);
  });

  for (const size of SIZES) {
    test(`at ${size.width}×${size.height}: figures, the deployment clock, three scenes`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto(`/ns/default/mci/${mciId}?present=1`);
      await expectPresenting(page, ["running", "regions", "cost", "cpu"]);
      await expect(page.getByTestId("present-figure-running")).toHaveAttribute("data-value", "6/6");
      await expect(page.getByTestId("present-figure-regions")).toHaveAttribute("data-value", "3");
      await expect(page.getByTestId("present-figure-cost")).toHaveAttribute("data-value", /^\$\d/);
      // The average CPU of the running VMs, once the collector has read them (every 10 s).
      await expect(page.getByTestId("present-figure-cpu")).toHaveAttribute("data-value", /^\d+$/, { timeout: 45_000 });
      // The deployment has ended: its clock stopped at how long it took.
      const clock = page.getByTestId("present-clock");
      await expect(clock).toHaveAttribute("data-state", "stopped");
      await expect(clock).toContainText(/\d+:\d\d/);
      await expect(page.getByTestId("mci-panel")).toBeHidden();
      await expect(page.getByTestId("mci-header")).toBeHidden();
      await page.waitForTimeout(400);
      await shot(page, `mci-${size.width}-1`);

      await page.keyboard.press("ArrowRight");
      await expect(page).toHaveURL(/scene=2/);
      await expect(page.getByTestId("present-status")).toBeVisible();
      await expect(page.getByTestId("present-status-running").locator("dd")).toHaveText("6");
      await page.waitForTimeout(1200);
      await shot(page, `mci-${size.width}-2`);

      await page.keyboard.press("ArrowRight");
      await expect(page).toHaveURL(/scene=3/);
      await expect(page.getByTestId("present-resources")).toBeVisible();
      await page.waitForTimeout(1500);
      await shot(page, `mci-${size.width}-3`);

      await page.keyboard.press("Escape");
      await expect(page).not.toHaveURL(/present=/);
      await expect(page.getByTestId("mci-panel")).toBeVisible();
      await expect(page.getByTestId("mci-header")).toBeVisible();
    });
  }

  test("the Present button enters it, and a framed page opens on its scene with no click", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/ns/default/mci/${mciId}`);
    await page.getByTestId("present-button").click();
    await expect(page).toHaveURL(/present=1/);
    await expectPresenting(page, ["running"]);

    // The guided demos show pages in an iframe of the console's own origin.
    await page.goto("/mci");
    await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.style.cssText = "position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:99999;background:#0b1320";
      document.body.append(frame);
    }, `/ns/default/mci/${mciId}?present=1&scene=2`);
    const framed = page.frameLocator("iframe");
    await expect(framed.getByTestId("present-status")).toBeVisible();
    await expect(framed.getByTestId("present-shell")).toHaveAttribute("data-scene", "2");
    await page.waitForTimeout(800);
    await shot(page, "mci-framed");
  });
});

test("the home map's Present button enters presentation mode", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("present-button").click();
  await expect(page).toHaveURL(/present=1/);
  await expect(page.getByTestId("present-shell")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});
