import { expect, test, type Page } from "@playwright/test";

// Both guided tours played unattended to their end on the suite's simulator (speed 200), a
// screenshot of every step, and no trace of their namespaces afterwards.
const TOURS = [
  { id: "video-conference", steps: 6 },
  { id: "global-scale", steps: 5 },
] as const;

async function demoNamespaces(page: Page): Promise<string[]> {
  const r = await page.request.get("/api/v1/namespaces");
  expect(r.status()).toBe(200);
  return ((await r.json()) as { name: string }[]).map((n) => n.name).filter((n) => n.startsWith("demo-"));
}

test.describe.serial("the guided demos", () => {
  test("/demo lists the two tours", async ({ page }) => {
    await page.goto("/demo");
    await expect(page.getByTestId("demo-tour")).toHaveCount(2);
    await expect(page.getByTestId("demo-no-leftovers")).toBeVisible();
    await page.screenshot({ path: "test-results/demo-list.png" });
  });

  for (const tour of TOURS) {
    test(`the ${tour.id} tour plays to its end with ?autoplay=1 and cleans up after itself`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`/demo/${tour.id}?autoplay=1&dwell=4`);
      await expect(page.getByTestId("demo-step")).toHaveCount(tour.steps);
      for (let n = 0; n < tour.steps; n++) {
        const step = page.locator(`[data-testid="demo-step"][data-step="${n}"]`);
        // Shown with its work over (what the audience reads during the dwell): paused there for the picture.
        await expect(step).toHaveAttribute("data-state", /^(ready|failed)$/, { timeout: 120_000 });
        await page.getByTestId("demo-toggle").click();
        await expect(page.getByTestId("demo-stage")).toHaveAttribute("data-phase", "paused");
        await expect(step).toHaveAttribute("aria-current", "step");
        // The framed console page loaded, and its map had a moment to draw.
        await expect(page.getByTestId("demo-frame")).toHaveAttribute("data-loaded", "true");
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `test-results/demo-${tour.id}-${n}.png` });
        await page.getByTestId("demo-toggle").click();
      }
      await expect(page.getByTestId("demo-finished")).toBeVisible({ timeout: 60_000 });
      for (let n = 0; n < tour.steps; n++) {
        await expect(page.locator(`[data-testid="demo-step"][data-step="${n}"]`), `step ${n}: ${await page.getByTestId("demo-detail").textContent()}`).toHaveAttribute("data-state", "done");
      }
      // The conference tour ends on the comparison in big numbers, with where they come from.
      if (tour.id === "video-conference") await expect(page.getByTestId("demo-quality-basis")).toContainText("estimated from the latency model");
      await expect(page.getByTestId("demo-cleanup")).toHaveAttribute("data-state", "done", { timeout: 120_000 });
      await page.screenshot({ path: `test-results/demo-${tour.id}-finished.png` });
      expect(await demoNamespaces(page)).toEqual([]);
    });
  }
});
