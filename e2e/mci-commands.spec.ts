import { expect, test, type Page } from "@playwright/test";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

// Remote commands from the MCI page, on simulated VMs that answer SSH as small Ubuntu hosts.
const REGIONS = ["aws-us-east-1", "gcp-europe-west1"];
const stamp = Date.now() % 1_000_000;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Types a command in the box and runs it with Enter; answers the id of the command that opens. */
async function run(page: Page, command: string): Promise<string> {
  const view = page.getByTestId("command-view");
  const before = (await view.count()) > 0 ? await view.getAttribute("data-command-id") : null;
  await page.getByTestId("command-input").fill(command);
  await page.getByTestId("command-input").press("Enter");
  await expect(view).toBeVisible();
  await expect(view).not.toHaveAttribute("data-command-id", before ?? "");
  return (await view.getAttribute("data-command-id"))!;
}

function rows(page: Page) {
  return page.getByTestId("command-vm-row");
}

test.describe.serial("remote commands on the MCI page", () => {
  let mci: Mci;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    const subGroups = await Promise.all(REGIONS.map(async (region, i) => ({ region, specId: await cheapSpec(request, "", region), count: i === 0 ? 2 : 1 })));
    const created = await request.post("/api/v1/ns/default/mci", { data: { name: `cmd-${stamp}`, subGroups } });
    expect(created.status(), await created.text()).toBe(202);
    mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
  });

  test("an operator runs commands on every VM, sees each VM's output and exit code, cancels one, and finds them again", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(`/ns/default/mci/${mci.id}`);
    await page.getByRole("tab", { name: "Commands" }).click();
    await expect(page.getByTestId("commands-tab")).toBeVisible();
    await expect(page.getByTestId("command-history-empty")).toBeVisible();
    await shot(page, "commands-empty");

    // Every VM answers with its own name and its kernel's name.
    await run(page, "hostname; uname -s");
    await expect(rows(page)).toHaveCount(mci.vms.length);
    for (const vm of mci.vms) {
      const row = page.locator(`[data-testid="command-vm-row"][data-vm-id="${vm.id}"]`);
      await expect(row).toHaveAttribute("data-status", "succeeded");
      const output = row.getByTestId("command-output");
      await expect(output).toContainText(vm.name);
      await expect(output).toContainText("Linux");
    }
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-status", "finished");
    await expect(page.getByTestId("command-counts")).toHaveAttribute("data-succeeded", String(mci.vms.length));
    await expect(page.getByTestId("command-cancel")).toHaveCount(0);
    await shot(page, "commands-hostname");
    // The box empties for the next command; ↑ brings the last one back.
    await expect(page.getByTestId("command-input")).toHaveValue("");
    await page.getByTestId("command-input").press("ArrowUp");
    await expect(page.getByTestId("command-input")).toHaveValue("hostname; uname -s");

    // A non-zero exit is a failure with its code.
    await run(page, "exit 3");
    await expect(rows(page)).toHaveCount(mci.vms.length);
    for (const row of await rows(page).all()) {
      await expect(row).toHaveAttribute("data-status", "failed");
      await expect(row).toHaveAttribute("data-exit-code", "3");
      await expect(row.getByTestId("command-vm-status")).toHaveText("failed · exit 3");
    }
    await expect(page.getByTestId("command-counts")).toHaveAttribute("data-failed", String(mci.vms.length));

    // An unknown command: 127, and the shell's words on stderr.
    await run(page, "no-such-tool --version");
    for (const row of await rows(page).all()) {
      await expect(row).toHaveAttribute("data-status", "failed");
      await expect(row).toHaveAttribute("data-exit-code", "127");
      await expect(row.getByTestId("command-output").locator('[data-stream="stderr"]')).toContainText("no-such-tool: not found");
    }
    await shot(page, "commands-not-found");

    // A long command, cancelled while it runs.
    const sleeper = await run(page, "sleep 60");
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("command-counts")).not.toHaveAttribute("data-running", "0");
    await shot(page, "commands-running");
    await page.getByTestId("command-cancel").click();
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
    for (const row of await rows(page).all()) await expect(row).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByTestId("command-cancel")).toHaveCount(0);
    await shot(page, "commands-cancelled");

    // A reload reopens the command the URL names; the history lists all four, newest first, with their outcomes.
    await expect(page).toHaveURL(new RegExp(`tab=commands.*command=${sleeper}|command=${sleeper}.*tab=commands`));
    await page.reload();
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-command-id", sleeper);
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-status", "cancelled");
    await page.getByRole("button", { name: /Every command of this MCI/ }).click();
    const history = page.getByTestId("command-history-row");
    await expect(history).toHaveCount(4);
    await expect(history.nth(0)).toContainText("sleep 60");
    await expect(history.nth(0)).toContainText(`${mci.vms.length} cancelled`);
    await expect(history.nth(1)).toContainText("no-such-tool --version");
    await expect(history.nth(2)).toContainText("exit 3");
    await expect(history.nth(2)).toContainText(`${mci.vms.length} failed`);
    await expect(history.nth(3)).toContainText("hostname; uname -s");
    await expect(history.nth(3)).toContainText(`${mci.vms.length} succeeded`);
    await shot(page, "commands-history");

    // An old command reopens with its output.
    await history.nth(3).click();
    await expect(rows(page).first().getByTestId("command-output")).toContainText("Linux");
  });

  test("ticked VMs only, and a refusal shown in the API's words", async ({ page }) => {
    const [first] = [...mci.vms].sort((a, b) => a.subGroup.localeCompare(b.subGroup) || a.name.localeCompare(b.name, undefined, { numeric: true }));
    await page.goto(`/ns/default/mci/${mci.id}`);
    await page.getByRole("checkbox", { name: `Select ${first.name}` }).check();
    await page.getByRole("tab", { name: "Commands" }).click();
    await expect(page.getByTestId("command-target")).toHaveValue("selected");
    await expect(page.getByTestId("command-target").locator("option:checked")).toHaveText("the ticked VMs (1)");
    await run(page, "echo only-me");
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-vm-id", first.id);
    await expect(rows(page).first().getByTestId("command-output")).toContainText("only-me");

    // What the server refuses is said next to the form, never a blank failure.
    await page.route(`**/api/v1/ns/default/mci/${mci.id}/commands`, (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: "none of the chosen VMs is Running; resume them first", code: "Conflict" }) })
        : route.fallback(),
    );
    await page.getByTestId("command-input").fill("uptime");
    await page.getByTestId("command-run").click();
    await expect(page.getByTestId("command-error")).toHaveText(/Not run: none of the chosen VMs is Running; resume them first/);
    await shot(page, "commands-refused");
  });

  test("a viewer reads the history and the output, and has no form", async ({ browser, request }) => {
    const made = await request.post("/api/v1/tokens", { data: { name: `viewer-${stamp}`, role: "viewer" } });
    expect(made.status(), await made.text()).toBe(201);
    const { token } = (await made.json()) as { token: string };
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    await page.goto(`/ns/default/mci/${mci.id}?tab=commands`);
    await expect(page.getByTestId("commands-tab")).toBeVisible();
    await expect(page.getByTestId("command-role-notice")).toContainText("operator");
    await expect(page.getByTestId("command-input")).toHaveCount(0);
    await expect(page.getByTestId("command-run")).toHaveCount(0);
    await expect(page.getByTestId("command-history-row")).toHaveCount(5);
    await page.getByTestId("command-history-row").last().click();
    await expect(rows(page)).toHaveCount(mci.vms.length);
    await expect(rows(page).first().getByTestId("command-output")).toContainText("Linux");
    await shot(page, "commands-viewer");
    // The server refuses what the page does not offer.
    const refused = await page.request.post(`/api/v1/ns/default/mci/${mci.id}/commands`, { data: { command: "uptime" } });
    expect(refused.status()).toBe(403);
    await context.close();
  });
});
