import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/server";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

// Apps from the MCI page, on simulated VMs. The server runs with an extra recipe folder
// (BARISTA_APPS_DIR) holding recipes that need only what the simulated hosts know today.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const stamp = Date.now() % 1_000_000;
const REGIONS = ["aws-us-east-1", "gcp-europe-west1"];

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join("test-results", `apps-${name}.png`) });
}

test.describe.serial("apps on the MCI page", () => {
  let server: OwnServer;
  let mci: Mci;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(240_000);
    server = await startOwnServer(PORT, {
      DATABASE_URL: `file:./data/e2e/apps-${stamp}.db`,
      BARISTA_APPS_DIR: path.resolve("e2e/fixtures/apps"),
      BARISTA_SIM_SPEED: "200",
      BARISTA_SIM_FAULTS: "off",
    });
    const subGroups = await Promise.all(REGIONS.map(async (region, i) => ({ region, specId: await cheapSpec(request, server.url, region), count: i === 0 ? 2 : 1 })));
    const created = await request.post(`${server.url}/api/v1/ns/default/mci`, { data: { name: `apps-${stamp}`, subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    mci = await waitForMci(request, server.url, (await created.json()).id, (m) => m.status === "Running");
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("the API lists the shipped recipes and the extra folder's", async ({ request }) => {
    const apps = (await (await request.get(`${server.url}/api/v1/apps`)).json()) as { id: string; ports: unknown[] }[];
    expect(apps.map((a) => a.id)).toEqual(["broken-demo", "game-server", "nginx", "video-conference", "web-demo"]);
  });

  test("an operator installs an app from the Apps tab and watches every VM become running, in the tab and the VM table", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${server.url}/ns/default/mci/${mci.id}?tab=apps`);
    await expect(page.getByTestId("apps-tab")).toBeVisible();
    await expect(page.getByTestId("app-recipe")).toHaveCount(5);
    await shot(page, "recipes");

    await page.locator('[data-testid="app-recipe"][data-app="web-demo"]').getByTestId("app-install").click();
    const installed = page.locator('[data-testid="installed-app"][data-app="web-demo"]');
    await expect(installed).toBeVisible();
    await expect(installed).toHaveAttribute("data-status", "finished", { timeout: 90_000 });
    await expect(installed.getByTestId("app-progress")).toHaveAttribute("data-running", String(mci.vms.length));
    const vms = installed.getByTestId("app-vm");
    await expect(vms).toHaveCount(mci.vms.length);
    for (const vm of await vms.all()) {
      await expect(vm).toHaveAttribute("data-state", "running");
      await expect(vm.getByRole("link")).toHaveText(/^http:\/\/[\d.]+\/$/);
    }
    await shot(page, "installed");

    await page.getByRole("tab", { name: "VMs" }).click();
    const pills = page.getByTestId("vm-row").getByTestId("app-state");
    await expect(pills).toHaveCount(mci.vms.length);
    for (const pill of await pills.all()) {
      await expect(pill).toHaveAttribute("data-state", "running");
      await expect(pill).toHaveText("web-demo · running");
    }
    await expect(page.getByTestId("mci-map")).toHaveAttribute("data-app-regions", String(REGIONS.length));
    await shot(page, "vm-table");
  });

  test("a failing step fails each VM in words, with a link to the step's output", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${server.url}/ns/default/mci/${mci.id}?tab=apps`);
    await page.locator('[data-testid="app-recipe"][data-app="broken-demo"]').getByTestId("app-install").click();
    const installed = page.locator('[data-testid="installed-app"][data-app="broken-demo"]');
    await expect(installed).toHaveAttribute("data-status", "finished", { timeout: 60_000 });
    await expect(installed.getByTestId("app-progress")).toHaveAttribute("data-failed", String(mci.vms.length));
    const first = installed.getByTestId("app-vm").first();
    await expect(first).toContainText('step "Fetch a package that does not exist" (2 of 2) failed with exit code 100: E: Unable to locate package no-such-package');
    await shot(page, "failed");
    await first.getByTestId("app-vm-output").click();
    await expect(page.getByTestId("commands-tab")).toBeVisible();
    await expect(page).toHaveURL(/tab=commands&command=cmd-/);
    await expect(page.getByTestId("command-view")).toBeVisible();
    await expect(page.getByTestId("command-vm-row").first().getByTestId("command-output")).toContainText("Unable to locate package");
    await shot(page, "failed-output");
  });
});
