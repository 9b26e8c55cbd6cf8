import { expect, test, type Page } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";
import { cheapSpec, waitForMci, type Mci } from "./support/api";

type Rule = { id: string; name: string; firing: string[]; pending: string[] };

const REGION = "aws-us-east-1";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function ruleForm(page: Page) {
  const form = page.getByTestId("rule-form");
  return {
    form,
    name: form.getByLabel("Name", { exact: true }),
    severity: form.getByLabel("Severity"),
    watch: form.getByLabel("Watch"),
    mci: form.getByLabel("MCI", { exact: true }),
    agg: form.getByLabel("Aggregate"),
    metric: form.getByLabel("Metric"),
    op: form.getByLabel("Is", { exact: true }),
    threshold: form.getByLabel(/^Threshold/),
    forSeconds: form.getByLabel("For (seconds)"),
    windowSeconds: form.getByLabel("Window (seconds)"),
    webhook: form.getByLabel("Webhook URL (optional)"),
    submit: form.getByRole("button", { name: "Add rule" }),
  };
}

test.describe.configure({ mode: "serial" });

test.describe("alerts page", () => {
  let mci: Mci;
  let hook: WebhookReceiver;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(150_000);
    const created = await request.post("/api/v1/ns/default/mci", {
      data: { name: `alerts-${Date.now() % 1_000_000}`, subGroups: [{ region: REGION, specId: await cheapSpec(request, "", REGION), count: 2 }] },
    });
    expect(created.status(), await created.text()).toBe(202);
    mci = await waitForMci(request, "", (await created.json()).id, (m) => m.status === "Running");
    // A webhook receiver, so the events show what it answered.
    hook = await startWebhookReceiver();
  });

  test.afterAll(async () => {
    await hook?.close();
  });

  test("a rule made in the form fires for the MCI's VMs, shows in the nav, and is deleted", async ({ page, request }) => {
    test.setTimeout(180_000);
    await page.goto("/alerts");
    const f = ruleForm(page);
    await expect(f.submit).toBeEnabled();
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Alerts" })).toHaveAttribute("aria-current", "page");
    // With no rule yet, the form is open: it is how to begin.
    await expect(page.getByTestId("rules-empty")).toBeVisible();
    await expect(f.form).toBeVisible();
    await expect(page.getByTestId("new-rule")).toHaveAttribute("aria-expanded", "true");
    // The MCI select offers the new MCI (first, being the only one).
    await expect(f.mci.locator("option", { hasText: mci.name })).toHaveCount(1);
    await shot(page, "alerts-empty");

    // A bad submit: the errors sit next to their fields and nothing typed is lost.
    await f.name.fill("");
    await f.threshold.fill("0");
    await f.forSeconds.fill("0");
    await f.webhook.fill("ftp://x");
    await f.submit.click();
    await expect(page.getByTestId("field-error-name")).toHaveText("name is required");
    await expect(page.getByTestId("field-error-webhookUrl")).toHaveText("webhookUrl is an http or https URL");
    await expect(f.name).toHaveAttribute("aria-invalid", "true");
    await expect(f.webhook).toHaveValue("ftp://x");
    await expect(f.threshold).toHaveValue("0");
    await expect(f.forSeconds).toHaveValue("0");
    await shot(page, "alerts-form-errors");

    // Typing into a field clears its error only.
    const name = `CPU any ${Date.now() % 100_000}`;
    await f.name.fill(name);
    await expect(page.getByTestId("field-error-name")).toHaveCount(0);
    await expect(page.getByTestId("field-error-webhookUrl")).toBeVisible();
    await f.webhook.fill(hook.url);
    await expect(page.getByTestId("field-error-webhookUrl")).toHaveCount(0);

    await f.severity.selectOption("critical");
    await f.agg.selectOption("avg");
    await f.metric.selectOption("cpu_utilization");
    await f.op.selectOption(">=");
    await f.mci.selectOption(mci.id);
    await expect(page.getByTestId("rule-preview")).toContainText("avg cpu_utilization >= 0 % at once over 1 min");
    await f.submit.click();

    const row = page.getByTestId("rule-row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("rule-condition")).toHaveText("avg cpu_utilization >= 0 % at once over 1 min");
    await expect(row).toContainText(mci.name);
    await expect(row.getByTestId("severity-badge")).toHaveText("critical");
    await expect(row).toContainText(hook.url);
    await expect(page.getByTestId("notice")).toContainText(`Added “${name}”`);
    // The form closes to show the rule and its events; reopened, it keeps all but the name.
    await expect(f.form).toBeHidden();
    await page.getByTestId("new-rule").click();
    await expect(f.name).toHaveValue("");
    await expect(f.severity).toHaveValue("critical");
    await page.keyboard.press("Escape");
    await expect(f.form).toBeHidden();

    // The collector pulls and the evaluator runs every 10 s each: allow a minute.
    const firingRows = page.getByTestId("event-row").and(page.locator(`[data-state="firing"][data-rule="${name}"]`));
    await expect(firingRows.first()).toBeVisible({ timeout: 60_000 });
    await expect(row.getByTestId("rule-firing")).toHaveText(`${mci.vms.length} firing`, { timeout: 60_000 });
    await expect(firingRows).toHaveCount(mci.vms.length, { timeout: 30_000 });

    const first = firingRows.first();
    const vmLink = first.getByTestId("event-vm");
    const vmName = await vmLink.textContent();
    const vm = mci.vms.find((v) => v.name === vmName);
    expect(vm, "the event names one of the MCI's VMs").toBeTruthy();
    await expect(vmLink).toHaveAttribute("href", `/ns/default/mci/${mci.id}/vm/${vm!.id}`);
    await expect(first).toContainText("vs >= 0 %");
    await expect(first.getByTestId("webhook-status")).toHaveText("delivered (HTTP 200)", { timeout: 15_000 });
    expect(hook.received.some((h) => h.ruleName === name && h.state === "firing")).toBe(true);

    // The nav badge counts (rule, VM) pairs firing now, as the API does.
    const rules = (await (await request.get("/api/v1/alerts/rules")).json()) as Rule[];
    const firingNow = rules.reduce((n, r) => n + r.firing.length, 0);
    expect(firingNow).toBeGreaterThanOrEqual(mci.vms.length);
    await expect(page.getByTestId("nav-firing-badge")).toContainText(String(firingNow), { timeout: 15_000 });

    // The state filter.
    await page.getByTestId("event-filter-resolved").click();
    await expect(page.getByTestId("event-filter-resolved")).toHaveAttribute("aria-checked", "true");
    await expect(page.locator('[data-testid="event-row"][data-state="firing"]')).toHaveCount(0);
    await page.getByTestId("event-filter-firing").click();
    await expect(firingRows.first()).toBeVisible();
    await expect(page.locator('[data-testid="event-row"][data-state="resolved"]')).toHaveCount(0);
    await page.getByTestId("event-filter-all").click();
    await shot(page, "alerts-firing");

    // Another page still shows the badge.
    await page.getByRole("link", { name: "MCIs" }).click();
    await expect(page.getByTestId("nav-firing-badge")).toBeVisible();
    await shot(page, "alerts-nav-badge");
    await page.getByRole("link", { name: /^Alerts/ }).click();

    // Delete asks first; Cancel keeps the rule.
    const ruleRow = page.getByTestId("rule-row").filter({ hasText: name });
    await ruleRow.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(ruleRow.getByTestId("confirm-delete")).toBeVisible();
    await shot(page, "alerts-confirm-delete");
    await ruleRow.getByRole("button", { name: "Cancel" }).click();
    await expect(ruleRow.getByTestId("confirm-delete")).toHaveCount(0);
    await ruleRow.getByRole("button", { name: `Delete ${name}` }).click();
    await ruleRow.getByRole("button", { name: "Yes, delete" }).click();
    await expect(ruleRow).toHaveCount(0);
    await expect(page.getByTestId("notice")).toContainText(`Deleted “${name}”`);
    const after = (await (await request.get("/api/v1/alerts/rules")).json()) as Rule[];
    expect(after.find((r) => r.name === name)).toBeUndefined();
    await expect(page.getByTestId("nav-firing-badge")).toHaveCount(0);
    // Deleting the last rule leaves the form closed; its events stay.
    await expect(f.form).toBeHidden();
    await expect(firingRows.first()).toBeVisible();
    await expect(firingRows.first().getByTestId("rule-gone")).toBeVisible({ timeout: 15_000 });
    await shot(page, "alerts-deleted");
  });
});
