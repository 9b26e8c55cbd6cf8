import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

// The fleet on the home map: MCIs in two namespaces, a ring per region with the MCI names on
// hover, a click through to the MCI (or a pick among several), ?fleet=0, and a signed-in viewer.
// Regions no other spec uses, so the rings checked here hold only this file's MCIs.

const stamp = Date.now() % 1_000_000;
const TEAM = "fleetteam";
const CAPE_TOWN = { key: "aws-af-south-1", lat: -33.9, lon: 18.5 };
const SAO_PAULO = { key: "aws-sa-east-1", lat: -23.34, lon: -46.38 };
const PASSWORD = "fleet-e2e-password";
const VIEWER = { name: "Fleet Viewer", email: `fleet-viewer-${stamp}@example.com`, role: "viewer" as const };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/fleet-${name}.png` });
}

async function createMci(api: APIRequestContext, ns: string, name: string, region: string, count: number): Promise<Mci> {
  const specId = await cheapSpec(api, "", region);
  const r = await api.post(`/api/v1/ns/${ns}/mci`, { data: { name, subGroups: [{ region, specId, count }] } });
  expect(r.status(), await r.text()).toBe(202);
  return (await r.json()) as Mci;
}

/** Opens the home map centred on a place, so its ring is in the middle of the map. */
async function openAt(page: Page, place: { lat: number; lon: number }, extra = "") {
  await page.goto(`/?at=${place.lat},${place.lon},5${extra}`);
  await expect(page.getByTestId("world-map").locator("canvas").first()).toBeVisible();
}

async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId("world-map").boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function hoverCentre(page: Page) {
  const c = await mapCentre(page);
  await page.mouse.move(c.x - 3, c.y - 3);
  await page.mouse.move(c.x, c.y);
}

test.describe.serial("the fleet on the home map", () => {
  const mcis: Record<"web" | "cache" | "game", Mci | null> = { web: null, cache: null, game: null };

  test.beforeAll(async ({ request }) => {
    const team = await request.post("/api/v1/namespaces", { data: { name: TEAM } });
    expect([201, 409], await team.text()).toContain(team.status());
    mcis.web = await createMci(request, "default", `fleet-web-${stamp}`, CAPE_TOWN.key, 3);
    mcis.cache = await createMci(request, TEAM, `fleet-cache-${stamp}`, CAPE_TOWN.key, 2);
    mcis.game = await createMci(request, TEAM, `fleet-game-${stamp}`, SAO_PAULO.key, 4);
    await waitForMci(request, "", mcis.web.id, (m) => m.statusCount.running === 3);
    const r = await request.post("/api/v1/users", { data: { ...VIEWER, password: PASSWORD } });
    expect(r.status(), await r.text()).toBe(201);
  });

  test("shows both namespaces' MCIs as rings, names them on hover, and a click on a shared region offers a pick", async ({ page, request }) => {
    const fleet = (await (await request.get("/api/v1/fleet")).json()) as { totals: { vms: number }; regions: { key: string; total: number }[] };
    expect(fleet.regions.find((r) => r.key === CAPE_TOWN.key)?.total).toBe(5);
    expect(fleet.regions.find((r) => r.key === SAO_PAULO.key)?.total).toBe(4);

    await page.goto("/");
    const layer = page.getByTestId("fleet-layer");
    await expect(layer).toBeVisible();
    await expect.poll(async () => Number(await layer.getAttribute("data-vms"))).toBeGreaterThanOrEqual(9);
    await expect.poll(async () => Number(await layer.getAttribute("data-mcis"))).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(800);
    await shot(page, "home");

    await openAt(page, CAPE_TOWN);
    await expect(layer).toBeVisible();
    await page.waitForTimeout(800);
    await hoverCentre(page);
    const tooltip = page.locator(".leaflet-tooltip.region-tooltip");
    await expect(tooltip).toContainText(`fleet-web-${stamp} (default): 3 VMs`);
    await expect(tooltip).toContainText(`fleet-cache-${stamp} (${TEAM}): 2 VMs`);
    await expect(tooltip).toContainText("Cape Town");
    await shot(page, "hover");

    const c = await mapCentre(page);
    await page.mouse.click(c.x, c.y);
    const picker = page.getByTestId("fleet-picker");
    await expect(picker).toBeVisible();
    await expect(picker.getByRole("link")).toHaveCount(2);
    await shot(page, "picker");
    await picker.getByRole("link", { name: new RegExp(`fleet-cache-${stamp}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/ns/${TEAM}/mci/${mcis.cache!.id}$`));
    await expect(page.getByTestId("mci-header")).toContainText(`fleet-cache-${stamp}`);
  });

  test("a click on a region with one MCI opens it, and the CPU colouring is in the URL", async ({ page }) => {
    await openAt(page, SAO_PAULO, "&fleet=cpu");
    await expect(page.getByTestId("fleet-layer")).toHaveAttribute("data-mode", "cpu");
    await page.waitForTimeout(800);
    await hoverCentre(page);
    await expect(page.locator(".leaflet-tooltip.region-tooltip")).toContainText(/CPU: /);
    await shot(page, "cpu");
    await page.getByRole("button", { name: "Status", exact: true }).click();
    await expect(page).not.toHaveURL(/fleet=/);
    await expect(page.getByTestId("fleet-layer")).toHaveAttribute("data-mode", "status");
    const c = await mapCentre(page);
    await page.mouse.click(c.x, c.y);
    await expect(page).toHaveURL(new RegExp(`/ns/${TEAM}/mci/${mcis.game!.id}$`));
  });

  test("?fleet=0 hides the layer; Show the fleet brings it back and clears the parameter", async ({ page }) => {
    await openAt(page, CAPE_TOWN, "&fleet=0");
    await expect(page.getByTestId("fleet-show")).toBeVisible();
    await expect(page.getByTestId("fleet-layer")).toHaveCount(0);
    await page.waitForTimeout(800);
    // Nothing answers the pointer but the region dot: no fleet tooltip.
    await hoverCentre(page);
    await expect(page.locator(".leaflet-tooltip.region-tooltip")).not.toContainText("VMs");
    await shot(page, "hidden");
    await page.getByTestId("fleet-show").click();
    await expect(page.getByTestId("fleet-layer")).toBeVisible();
    await expect(page).not.toHaveURL(/fleet=/);
    await page.getByRole("button", { name: "Hide the fleet" }).click();
    await expect(page).toHaveURL(/fleet=0/);
    await expect(page.getByTestId("fleet-layer")).toHaveCount(0);
  });

  test("a signed-in viewer sees the MCIs of the namespaces they may read (a viewer reads every namespace)", async ({ browser }: { browser: Browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: {} });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(VIEWER.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await openAt(page, CAPE_TOWN);
    await expect(page.getByTestId("fleet-layer")).toBeVisible();
    await page.waitForTimeout(800);
    await hoverCentre(page);
    const tooltip = page.locator(".leaflet-tooltip.region-tooltip");
    await expect(tooltip).toContainText(`fleet-web-${stamp} (default)`);
    await expect(tooltip).toContainText(`fleet-cache-${stamp} (${TEAM})`);
    await shot(page, "viewer");
    await context.close();
  });
});
