import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

// Every page of the console, in the states a user sees with data in them (panels and forms
// open), checked against WCAG 2 A and AA. Serious and critical violations fail; each one is
// listed with its rule, what it asks for and the elements it found.

const REGION = "aws-us-east-1";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => {
      const targets = v.nodes.slice(0, 8).map((n) => `    ${n.target.map(String).join(" ")}`);
      if (v.nodes.length > 8) targets.push(`    … and ${v.nodes.length - 8} more`);
      return `- ${v.id} (${v.impact}): ${v.help}\n${targets.join("\n")}`;
    })
    .join("\n");
  // Soft: one run reports every state of a page, not only the first that fails.
  expect.soft(serious.length, `${what} has ${serious.length} serious or critical WCAG 2 A/AA violation(s):\n${report}`).toBe(0);
}

test.describe("accessibility (axe-core, WCAG 2 A and AA)", () => {
  let mci: Mci;
  let ruleId: string;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(150_000);
    const created = await request.post("/api/v1/ns/default/mci", {
      data: { name: `a11y-${Date.now() % 1_000_000}`, subGroups: [{ region: REGION, specId: await cheapSpec(request, "", REGION), count: 2 }] },
    });
    expect(created.status(), await created.text()).toBe(202);
    mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
    // CPU >= 0 % fires at once, so the alert pages and the MCI's Alerts tab show events too.
    const rule = await request.post("/api/v1/alerts/rules", {
      data: { name: `a11y CPU ${Date.now() % 100_000}`, metric: "cpu_utilization", agg: "avg", op: ">=", threshold: 0, forSeconds: 0, scope: { mci: mci.id }, severity: "warning" },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    ruleId = ((await rule.json()) as { id: string }).id;
  });

  test.afterAll(async ({ request }) => {
    if (ruleId) expect((await request.delete(`/api/v1/alerts/rules/${ruleId}`)).status()).toBe(204);
    if (mci) expect((await request.delete(`/api/v1/ns/default/mci/${mci.id}`)).status()).toBe(202);
  });

  test("home map with a region panel open", async ({ page }) => {
    await page.goto(`/?region=${REGION}`);
    await expect(page.getByTestId("region-panel")).toBeVisible();
    await expect(page.locator(".leaflet-container canvas").first()).toBeVisible();
    await expectAccessible(page, "the home map with a region open");
  });

  test("placement, empty and with participants and a result", async ({ page }) => {
    await page.goto("/placement");
    await expect(page.getByTestId("placement-hint")).toBeVisible();
    await expectAccessible(page, "the empty placement page");
    await page.getByRole("button", { name: "Global conference" }).click();
    await page.getByRole("button", { name: "Run placement" }).click();
    await expect(page.getByTestId("placement-result")).toBeVisible({ timeout: 60_000 });
    await expectAccessible(page, "the placement page with a result");
    await shot(page, "placement-result");
  });

  test("MCI list with an MCI", async ({ page }) => {
    await page.goto("/mci");
    await expect(page.getByText(mci.name)).toBeVisible();
    await expectAccessible(page, "the MCI list");
    await shot(page, "mci-list");
  });

  test("new MCI: regions, a subgroup to configure, and the review", async ({ page }) => {
    await page.goto(`/ns/default/mci/new?regions=${REGION}`);
    const panel = page.getByTestId("create-panel");
    await expect(page.getByTestId("create-map")).toHaveAttribute("data-selected-count", "1");
    await expectAccessible(page, "the new-MCI page (regions)");
    await panel.getByRole("button", { name: /Configure 1 subgroup/ }).click();
    await expect(panel).toHaveAttribute("data-step", "configure");
    await expect(panel.getByTestId("subgroup-editor")).toHaveCount(1);
    await page.getByLabel("Name", { exact: true }).fill("a11y-review");
    await expectAccessible(page, "the new-MCI page (configure)");
    await panel.getByRole("button", { name: "Review →" }).click();
    await expect(panel).toHaveAttribute("data-step", "review");
    await expect(page.getByTestId("review-vm-row")).toHaveCount(1);
    await expectAccessible(page, "the new-MCI page (review)");
    await shot(page, "mci-new-review");
  });

  test("an MCI page: every tab, and a VM's panel", async ({ page }) => {
    for (const tab of ["vms", "metrics", "alerts", "subgroups", "events", "commands"]) {
      await page.goto(`/ns/default/mci/${mci.id}?tab=${tab}`);
      await expect(page.getByTestId("mci-header")).toBeVisible();
      await expect(page.getByRole("tab", { selected: true })).toHaveText(new RegExp(tab, "i"));
      await expectAccessible(page, `the MCI page's ${tab} tab`);
    }
    // A command's output open, stdout and stderr both shown.
    const ran = await page.request.post(`/api/v1/ns/default/mci/${mci.id}/commands`, { data: { command: "uname -s; echo oops >&2; exit 2" } });
    expect(ran.status(), await ran.text()).toBe(202);
    await page.goto(`/ns/default/mci/${mci.id}?tab=commands&command=${(await ran.json()).id}`);
    await expect(page.getByTestId("command-view")).toHaveAttribute("data-status", "finished");
    await expect(page.getByTestId("command-output").first()).toContainText("oops");
    await expectAccessible(page, "the MCI page's commands tab with a command's output");
    await page.goto(`/ns/default/mci/${mci.id}/vm/${mci.vms[0].id}`);
    await expect(page.getByTestId("vm-panel")).toBeVisible();
    await expectAccessible(page, "the MCI page with a VM panel open");
    await shot(page, "mci-vm-panel");
  });

  test("alerts with a rule and the form open", async ({ page }) => {
    await page.goto("/alerts");
    await expect(page.getByTestId("rule-row")).not.toHaveCount(0);
    await page.getByTestId("new-rule").click();
    await expect(page.getByTestId("rule-form")).toBeVisible();
    await expectAccessible(page, "the alerts page");
    await shot(page, "alerts");
  });

  test("connections with the add form", async ({ page }) => {
    await page.goto("/connections");
    await expect(page.getByTestId("add-connection-form").getByRole("button", { name: "Add connection" })).toBeEnabled();
    await expect(page.getByTestId("connection-row").first()).toBeVisible();
    await expectAccessible(page, "the connections page");
    await shot(page, "connections");
  });

  test("API docs", async ({ page }) => {
    await page.goto("/api-docs");
    await expect(page.getByTestId("operation").first()).toBeVisible();
    await expectAccessible(page, "the API page");
  });

  test("account (a token just made), the user menu, users (a row in edit) and the audit log", async ({ page, request }) => {
    const n = Date.now() % 1_000_000;
    const user = await request.post("/api/v1/users", { data: { name: "Ada A11y", email: `ada-${n}@example.com`, password: "a11y-password-1", role: "operator", namespaceRoles: { default: "viewer" } } });
    expect(user.status(), await user.text()).toBe(201);
    const form = page.getByTestId("new-token-form");
    await page.goto("/account");
    await form.getByLabel("Token name").fill(`a11y-${n}`);
    await form.getByRole("button", { name: "Make token" }).click();
    await expect(page.getByTestId("token-value")).toBeVisible();
    await expect(page.getByTestId("tokens-table")).toBeVisible();
    await expectAccessible(page, "the account page with a new token's value");
    await shot(page, "account-automation");
    await page.getByTestId("user-menu").locator("button[aria-controls]").click();
    await expect(page.getByRole("link", { name: "Audit" })).toBeVisible();
    await expectAccessible(page, "the user menu, open");

    await page.goto("/users");
    await page.getByRole("button", { name: `Edit ada-${n}@example.com` }).click();
    await expect(page.getByTestId("user-editor")).toBeVisible();
    await expectAccessible(page, "the users page with a row in edit");
    await shot(page, "users");

    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await expectAccessible(page, "the audit log");
    await shot(page, "audit");
  });

  test.describe("signed out", () => {
    test.use({ extraHTTPHeaders: {} });

    test("the sign-in page, and its error", async ({ page, request }) => {
      // A user must exist for the page to offer its form (before that it points at the setup link).
      const n = Date.now() % 1_000_000;
      const user = await request.post("/api/v1/users", {
        headers: { authorization: `Bearer ${process.env.BARISTA_API_TOKEN}` },
        data: { name: "Login A11y", email: `login-${n}@example.com`, password: "a11y-password-1", role: "viewer" },
      });
      expect(user.status(), await user.text()).toBe(201);
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await expectAccessible(page, "the sign-in page");
      await page.getByLabel("Email").fill(`login-${n}@example.com`);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("login-error")).toBeVisible();
      await expectAccessible(page, "the sign-in page with an error");
    });
  });

  test("a page that does not exist", async ({ page }) => {
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, "the not-found page");
  });
});
