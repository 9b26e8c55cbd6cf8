import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { cheapSpec, type Mci } from "./support/api";

// The fleet on the home map: MCIs in two namespaces, a ring per region with the MCI names on
// hover, a click through to the MCI (or a pick among several), ?fleet=0, and a signed-in viewer.
// Regions (and a namespace) no other spec uses, so the rings and counts checked here hold only this
// file's MCIs. Roles only narrow, never below viewer: every signed-in user reads every namespace,
// so the role checks here are about what each user may operate once they click through.

const stamp = Date.now() % 1_000_000;
const TEAM = "fleetteam";
const CAPE_TOWN = { key: "aws-af-south-1", lat: -33.9, lon: 18.5 };
const SAO_PAULO = { key: "aws-sa-east-1", lat: -23.34, lon: -46.38 };
const PASSWORD = "fleet-e2e-password";
const VIEWER = { name: "Fleet Viewer", email: `fleet-viewer-${stamp}@example.com`, role: "viewer" as const };
// An operator who only reads the team's namespace.
const NARROWED = { name: "Fleet Narrowed", email: `fleet-narrowed-${stamp}@example.com`, role: "operator" as const, namespaceRoles: { [TEAM]: "viewer" } };

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

const tooltipOf = (page: Page) => page.locator(".leaflet-tooltip.region-tooltip");
const namespaceRow = (page: Page, ns: string) => page.locator(`[data-testid="fleet-namespace"][data-namespace="${ns}"]`);
const lifecycle = (page: Page) => page.getByRole("group", { name: "Lifecycle actions" });

/** A browser context with no bearer header: what a person's browser sends, and nothing more. */
async function bareContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: {} });
  // The config sends the automation token from every context; this one must not, or the checks below would see an admin.
  const probe = await context.request.get("/api/v1/fleet");
  expect(probe.status(), "a context without credentials is refused (no token header rides along)").toBe(401);
  return context;
}

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens Cape Town's ring (two MCIs: web in default, cache in the team's namespace) and picks one. */
async function pickAtCapeTown(page: Page, name: string) {
  await openAt(page, CAPE_TOWN);
  await expect(page.getByTestId("fleet-layer")).toBeVisible();
  await page.waitForTimeout(800);
  const c = await mapCentre(page);
  await page.mouse.click(c.x, c.y);
  await page.getByTestId("fleet-picker").getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByTestId("mci-header")).toContainText(name);
}

test.describe.serial("the fleet on the home map", () => {
  const mcis: Record<"web" | "cache" | "game", Mci | null> = { web: null, cache: null, game: null };

  test.beforeAll(async ({ request }) => {
    const team = await request.post("/api/v1/namespaces", { data: { name: TEAM } });
    expect([201, 409], await team.text()).toContain(team.status());
    mcis.web = await createMci(request, "default", `fleet-web-${stamp}`, CAPE_TOWN.key, 3);
    mcis.cache = await createMci(request, TEAM, `fleet-cache-${stamp}`, CAPE_TOWN.key, 2);
    mcis.game = await createMci(request, TEAM, `fleet-game-${stamp}`, SAO_PAULO.key, 4);
    // Every VM running before anything looks at the map: the checks below read exact counts.
    await expect
      .poll(
        async () => {
          const fleet = (await (await request.get("/api/v1/fleet")).json()) as { regions: { key: string; byStatus: { Running?: number } }[] };
          return [CAPE_TOWN, SAO_PAULO].map((p) => fleet.regions.find((r) => r.key === p.key)?.byStatus.Running ?? 0);
        },
        { timeout: 90_000, intervals: [500, 1000] },
      )
      .toEqual([5, 4]);
    for (const user of [VIEWER, NARROWED]) {
      const r = await request.post("/api/v1/users", { data: { ...user, password: PASSWORD } });
      expect(r.status(), await r.text()).toBe(201);
    }
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
    // The legend counts per namespace: the team's namespace is this file's alone, default is shared with other specs.
    await expect(namespaceRow(page, TEAM)).toContainText("6 VMs · 2 MCIs");
    await expect(namespaceRow(page, "default")).toBeVisible();
    expect(Number(await namespaceRow(page, "default").getAttribute("data-vms"))).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(800);
    await shot(page, "home");

    await openAt(page, CAPE_TOWN);
    await expect(layer).toBeVisible();
    await page.waitForTimeout(800);
    await hoverCentre(page);
    const tooltip = tooltipOf(page);
    await expect(tooltip).toContainText("Cape Town");
    await expect(tooltip).toContainText("5/5 running");
    await expect(tooltip).toContainText(`fleet-web-${stamp} (default): 3 VMs`);
    await expect(tooltip).toContainText(`fleet-cache-${stamp} (${TEAM}): 2 VMs`);
    await shot(page, "hover");

    const c = await mapCentre(page);
    await page.mouse.click(c.x, c.y);
    const picker = page.getByTestId("fleet-picker");
    await expect(picker).toBeVisible();
    await expect(picker.getByRole("link")).toHaveCount(2);
    await expect(picker.getByRole("link", { name: new RegExp(`fleet-web-${stamp}`) })).toContainText("3 VMs");
    await expect(picker.getByRole("link", { name: new RegExp(`fleet-cache-${stamp}`) })).toContainText(`${TEAM}`);
    await shot(page, "picker");
    await picker.getByRole("link", { name: new RegExp(`fleet-cache-${stamp}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/ns/${TEAM}/mci/${mcis.cache!.id}$`));
    await expect(page.getByTestId("mci-header")).toContainText(`fleet-cache-${stamp}`);
  });

  test("a click on a region with one MCI opens it, and the CPU colouring is in the URL", async ({ page }) => {
    await openAt(page, SAO_PAULO, "&fleet=cpu");
    await expect(page.getByTestId("fleet-layer")).toHaveAttribute("data-mode", "cpu");
    await page.waitForTimeout(800);
    await expect(page.getByTestId("fleet-layer")).toContainText("no data");
    await hoverCentre(page);
    await expect(tooltipOf(page)).toContainText("4/4 running");
    await expect(tooltipOf(page)).toContainText(/CPU: (average \d+(\.\d)?% of \d reporting VMs|no VM reported)/);
    await expect(tooltipOf(page)).toContainText(`fleet-game-${stamp} (${TEAM}): 4 VMs`);
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
    await expect(tooltipOf(page)).toContainText("Cape Town");
    await expect(tooltipOf(page)).not.toContainText("VMs");
    await shot(page, "hidden");
    await page.getByTestId("fleet-show").click();
    await expect(page.getByTestId("fleet-layer")).toBeVisible();
    await expect(page).not.toHaveURL(/fleet=/);
    await page.getByRole("button", { name: "Hide the fleet" }).click();
    await expect(page).toHaveURL(/fleet=0/);
    await expect(page.getByTestId("fleet-layer")).toHaveCount(0);
  });

  test("a viewer reads both namespaces on the map and, clicked through, is offered no control in either", async ({ browser }) => {
    const context = await bareContext(browser);
    const page = await context.newPage();
    await signIn(page, VIEWER.email);
    await page.goto("/");
    await expect(page.getByTestId("fleet-layer")).toBeVisible();
    await expect(namespaceRow(page, TEAM)).toContainText("6 VMs · 2 MCIs");
    await expect(namespaceRow(page, "default")).toBeVisible();
    await openAt(page, CAPE_TOWN);
    await page.waitForTimeout(800);
    await hoverCentre(page);
    await expect(tooltipOf(page)).toContainText(`fleet-web-${stamp} (default): 3 VMs`);
    await expect(tooltipOf(page)).toContainText(`fleet-cache-${stamp} (${TEAM}): 2 VMs`);
    await shot(page, "viewer");

    for (const [ns, name] of [[TEAM, `fleet-cache-${stamp}`], ["default", `fleet-web-${stamp}`]]) {
      await pickAtCapeTown(page, name);
      await expect(page.getByTestId("mci-header")).toContainText("Running");
      await expect(page.getByTestId("role-notice")).toContainText(`needs the operator role in namespace ${ns}`);
      await expect(lifecycle(page)).toHaveCount(0);
      await expect(page.getByTestId("mci-header").getByRole("button", { name: "Delete" })).toHaveCount(0);
      if (ns === TEAM) await shot(page, "viewer-mci");
    }
    await context.close();
  });

  test("an operator narrowed to viewer in one namespace sees both, and operates only in the other", async ({ browser }) => {
    const context = await bareContext(browser);
    const page = await context.newPage();
    await signIn(page, NARROWED.email);
    await page.goto("/");
    await expect(namespaceRow(page, TEAM)).toContainText("6 VMs · 2 MCIs");
    await expect(namespaceRow(page, "default")).toBeVisible();

    await pickAtCapeTown(page, `fleet-cache-${stamp}`);
    await expect(page.getByTestId("role-notice")).toContainText(`needs the operator role in namespace ${TEAM}`);
    await expect(lifecycle(page)).toHaveCount(0);

    await pickAtCapeTown(page, `fleet-web-${stamp}`);
    await expect(lifecycle(page).getByRole("button", { name: "Suspend" })).toBeVisible();
    await expect(page.getByTestId("role-notice")).toHaveCount(0);
    await shot(page, "narrowed-mci");
    await context.close();
  });
});
