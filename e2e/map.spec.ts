import { expect, test, type Page } from "@playwright/test";

type Region = { key: string; provider: string; name: string };

// flyTo animates for about a second; screenshots taken mid-flight show a half-moved map.
async function settle(page: Page) {
  await page.waitForTimeout(1500);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test("the world map shows every region, filters providers, finds a region and draws its latency", async ({ page, request }) => {
  const regions = (await (await request.get("/api/v1/regions")).json()) as Region[];
  expect(regions.length).toBeGreaterThan(100);

  await page.goto("/");
  const map = page.getByTestId("world-map");
  await expect(map).toHaveAttribute("data-region-count", String(regions.length));
  await expect(page.getByTestId("region-count")).toHaveText(String(regions.length));
  await expect(map.locator("canvas").first()).toBeVisible();
  await shot(page, "01-map-loaded");

  // Legend: none, then one provider; the count drops to that provider's regions.
  const awsCount = regions.filter((r) => r.provider === "aws").length;
  await page.getByRole("button", { name: "None", exact: true }).click();
  await expect(map).toHaveAttribute("data-region-count", "0");
  await page.locator('[data-provider="aws"]').click();
  await expect(map).toHaveAttribute("data-region-count", String(awsCount));
  await expect(page.getByTestId("region-count")).toHaveText(String(awsCount));
  await expect(page).toHaveURL(/hide=/);
  await shot(page, "02-provider-filtered");
  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(map).toHaveAttribute("data-region-count", String(regions.length));

  // Search: `/` focuses the box, Enter picks the first match and opens its panel.
  await page.keyboard.press("/");
  const search = page.getByRole("combobox", { name: "Search regions" });
  await expect(search).toBeFocused();
  await search.fill("Seoul");
  await expect(page.getByRole("option").first()).toContainText("Seoul");
  // Several clouds are in Seoul; a second word picks AWS's, whose latencies include measured ones.
  await search.fill("aws seoul");
  await expect(page.getByRole("option").first()).toContainText("aws-ap-northeast-2");
  await search.press("Enter");

  const panel = page.getByTestId("region-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { level: 2 })).toContainText("Seoul");
  await expect(page).toHaveURL(/region=/);
  expect(new URL(page.url()).searchParams.get("region")).toBe("aws-ap-northeast-2");

  const specRows = panel.getByTestId("spec-table").locator("tbody tr");
  await expect(specRows.first()).toContainText(/\$\d+\.\d+\/h/);
  await expect(specRows.first()).toContainText(/\d+(\.\d+)? GiB/);
  await settle(page);
  await shot(page, "03-panel-open");

  await panel.getByRole("tab", { name: /Latency/ }).click();
  const latencyRows = panel.getByTestId("latency-list").locator("li");
  await expect(latencyRows).toHaveCount(regions.length - 1);
  await expect(latencyRows.first()).toContainText(/\d+(\.\d)? ms/);
  await expect(latencyRows.first()).toContainText(/measured|estimated/);
  await expect(panel.getByTestId("latency-list")).toContainText("measured");

  // Latency lines: canvas paths are not DOM, so the scale's data-count says how many are drawn.
  await panel.getByLabel("Draw latency lines").check();
  const lines = page.getByTestId("latency-lines");
  await expect(lines).toHaveAttribute("data-count", "10");
  await panel.getByRole("button", { name: "25 nearest" }).click();
  await expect(lines).toHaveAttribute("data-count", "25");
  await expect(map).toHaveAttribute("data-latency-lines", "25");
  await expect(page).toHaveURL(/lines=25/);
  await panel.getByRole("button", { name: "all", exact: true }).click();
  await expect(lines).toHaveAttribute("data-count", String(regions.length - 1));
  await settle(page);
  await shot(page, "04-latency-lines");

  // Esc closes the panel, the lines go with it, and the URL forgets the region.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(lines).toHaveCount(0);
  await expect(page).not.toHaveURL(/region=/);
});

test("a link with ?region= reopens the region, and a click on a marker selects one", async ({ page }) => {
  await page.goto("/?region=aws-ap-northeast-2");
  const panel = page.getByTestId("region-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("aws-ap-northeast-2");
  await expect(panel.getByTestId("spec-table").locator("tbody tr").first()).toContainText("/h");

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // The link centred the region in the part of the map the panel leaves free: click it there.
  const box = await page.getByTestId("world-map").boundingBox();
  if (!box) throw new Error("the map has no size");
  await page.mouse.click(box.x + (box.width - 480) / 2, box.y + box.height / 2);
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/region=/);
});
