import { expect, test, type Page } from "@playwright/test";

type Connection = { name: string; provider: string; region: string; credential: string; verifyOk: boolean | null };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Opens the page and waits until React runs it (the form's button is disabled in the server's HTML). */
async function openConnections(page: Page) {
  await page.goto("/connections");
  await expect(page.getByTestId("add-connection-form").getByRole("button", { name: "Add connection" })).toBeEnabled();
}

function addForm(page: Page) {
  const form = page.getByTestId("add-connection-form");
  return {
    form,
    provider: form.getByLabel("Provider"),
    region: form.getByLabel("Region"),
    name: form.getByLabel("Name (optional)"),
    credential: form.getByLabel("Credential"),
    submit: form.getByRole("button", { name: "Add connection" }),
  };
}

test("the connections page lists every connection, filters them, adds one, verifies it and removes it", async ({ page, request }) => {
  const before = (await (await request.get("/api/v1/connections")).json()) as Connection[];
  // One built-in simulated connection per region of the catalogue.
  expect(before.length).toBeGreaterThanOrEqual(190);

  await openConnections(page);
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { e2eMarker?: string }).e2eMarker = "first-load";
  });
  await expect(page.getByRole("link", { name: "Connections" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("connection-count")).toHaveText(String(before.length));
  const rows = page.getByTestId("connection-row");
  await expect(rows).toHaveCount(before.length);
  const first = rows.first();
  await expect(first).toHaveAttribute("data-name", before[0].name);
  await expect(first).toContainText(before[0].region);
  await expect(first).toContainText("sim");
  await expect(first.getByTestId("verify-status")).toHaveText("not verified yet");
  await shot(page, "01-connections-list");

  // Provider filter, then `/` focuses the text filter and narrows further.
  const awsCount = before.filter((c) => c.provider === "aws").length;
  await page.getByTestId("provider-filter").selectOption("aws");
  await expect(rows).toHaveCount(awsCount);
  await expect(page.getByTestId("shown-count")).toContainText(`Showing ${awsCount} of ${before.length}`);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("/");
  const filter = page.getByTestId("connection-filter");
  await expect(filter).toBeFocused();
  await filter.fill("seoul");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-name", "aws-ap-northeast-2");
  await expect(rows.first()).toContainText("Seoul");
  await filter.fill("no-such-thing");
  await expect(page.getByTestId("no-match")).toContainText("No connection matches “no-such-thing”");
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(rows).toHaveCount(before.length);

  // A bad name: the shared zod schema's message appears under the field.
  const f = addForm(page);
  await f.submit.click();
  await expect(f.form.getByTestId("field-error-provider")).toContainText("Choose a provider");
  await f.provider.selectOption("aws");
  await expect(f.region.locator("option")).toHaveCount(awsCount + 1);
  await f.region.selectOption("us-east-1");
  await expect(f.name).toHaveAttribute("placeholder", "aws-us-east-1");
  await f.name.fill("Bad Name!");
  await f.submit.click();
  const nameError = f.form.getByTestId("field-error-name");
  await expect(nameError).toHaveText("a connection name uses letters, digits and dashes, e.g. aws-us-east-1");
  await expect(f.name).toHaveAttribute("aria-invalid", "true");
  await shot(page, "02-bad-name");

  // Empty name means provider-region, which the built-in connection already holds: the answer says what to do, at the name.
  await f.name.fill("");
  await expect(nameError).toHaveCount(0);
  await f.submit.click();
  await expect(nameError).toHaveText('connection "aws-us-east-1" already exists; choose another name or remove it first');
  await expect(f.form.getByTestId("form-error")).toHaveCount(0);
  await shot(page, "02-name-taken");

  // Add a connection with a good name: it appears in the list and in the API.
  const name = "e2e-virginia";
  await f.name.fill(name);
  await f.submit.click();
  await expect(page.getByTestId("notice")).toContainText(`Added ${name}`);
  await expect(f.form.getByTestId("form-error")).toHaveCount(0);
  const row = page.locator(`[data-testid="connection-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("us-east-1");
  await expect(row).toContainText("default");
  await expect(page.getByTestId("connection-count")).toHaveText(String(before.length + 1));
  await expect(rows).toHaveCount(before.length + 1);
  const created = await request.get(`/api/v1/connections/${name}`);
  expect(created.status()).toBe(200);
  expect(await created.json()).toMatchObject({ name, provider: "aws", region: "us-east-1", driver: "sim", verifyOk: null });
  await shot(page, "03-added");

  // Verify: the driver's answer (ok, message, spec and image counts, time taken) shows in the row.
  await row.getByRole("button", { name: `Verify ${name}` }).click();
  await expect(row.getByTestId("verify-status")).toHaveAttribute("data-state", "ok");
  await expect(row.getByTestId("verify-status")).toHaveText(/ok/);
  await expect(row.getByTestId("verify-message")).toContainText("US East");
  await expect(row.getByTestId("verify-details")).toHaveText(/^\d+ specs · \d+ images? · answered in \d+(\.\d)? m?s$/);
  await expect(row.locator("time")).toHaveText(/just now|s ago/);
  const verified = await (await request.get(`/api/v1/connections/${name}`)).json();
  expect(verified).toMatchObject({ verifyOk: true });
  await expect(row.getByTestId("verify-message")).toHaveText(verified.verifyMessage);
  const specCount = ((await (await request.get("/api/v1/regions/aws-us-east-1/specs")).json()) as unknown[]).length;
  await expect(row.getByTestId("verify-details")).toContainText(`${specCount} specs`);
  await shot(page, "04-verified");

  // Remove asks first; Cancel keeps the row, Yes removes it.
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  const confirm = row.getByTestId("confirm-remove");
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shot(page, "05-confirm-remove");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await row.getByRole("button", { name: "Yes, remove" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("notice")).toContainText(`Removed ${name}.`);
  await expect(page.getByTestId("connection-count")).toHaveText(String(before.length));
  await expect(rows).toHaveCount(before.length);
  expect((await request.get(`/api/v1/connections/${name}`)).status()).toBe(404);
  const after = (await (await request.get("/api/v1/connections")).json()) as Connection[];
  expect(after.map((c) => c.name)).toEqual(before.map((c) => c.name));
  await shot(page, "06-removed");

  // Every change above updated the page in place: the marker set after the first load is still there.
  expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe("first-load");
});

test("a credential the cloud refuses: Verify shows the driver's failure and what to do", async ({ page, request }) => {
  await openConnections(page);
  const f = addForm(page);
  const name = "e2e-refused";
  await f.provider.selectOption("gcp");
  const gcpRegion = await f.region.locator("option").nth(1).getAttribute("value");
  expect(gcpRegion).toBeTruthy();
  await f.region.selectOption(gcpRegion as string);
  await f.name.fill(name);
  // A credential that is not in the vault is refused at its field.
  await f.credential.fill("invalid-demo-key");
  await f.submit.click();
  await expect(f.form).toContainText('credential "invalid-demo-key" is not in the vault; add it with POST /api/v1/credentials');
  expect((await request.get(`/api/v1/connections/${name}`)).status()).toBe(404);

  // In the vault (the simulator refuses any credential named invalid-…), the connection is added.
  const vaulted = await request.post("/api/v1/credentials", { data: { name: "invalid-demo-key", provider: "gcp", secrets: { serviceAccountKey: "e2e-not-a-real-key" } } });
  expect(vaulted.status(), await vaulted.text()).toBe(201);
  await f.submit.click();

  const row = page.locator(`[data-testid="connection-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("invalid-demo-key");
  await row.getByRole("button", { name: `Verify ${name}` }).click();
  await expect(row.getByTestId("verify-status")).toHaveAttribute("data-state", "failed");
  await expect(row.getByTestId("verify-message")).toContainText('rejected credential "invalid-demo-key"');
  await expect(row.getByTestId("verify-message")).toContainText("check its keys or pick another credential");
  await expect(row.getByTestId("verify-details")).toContainText("AuthFailed");
  await expect(page.getByTestId("connection-count").locator("xpath=..")).toContainText("1 failed");
  await shot(page, "07-verify-failed");

  const stored = await (await request.get(`/api/v1/connections/${name}`)).json();
  expect(stored).toMatchObject({ credential: "invalid-demo-key", verifyOk: false });

  // Clean up through the page, so the next spec sees the built-in list only.
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await row.getByRole("button", { name: "Yes, remove" }).click();
  await expect(row).toHaveCount(0);
  expect((await request.get(`/api/v1/connections/${name}`)).status()).toBe(404);
  expect((await request.delete("/api/v1/credentials/invalid-demo-key")).status()).toBe(204);
});
