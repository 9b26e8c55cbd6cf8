import { expect, test, type Page } from "@playwright/test";

type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { summary: string; tags?: string[] }>> };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test("the API page renders every operation of the OpenAPI document, with its inputs and answers", async ({ page, request }) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, tag: op.tags?.[0] })));
  const tags = [...new Set(operations.map((o) => o.tag))];
  expect(operations.length).toBeGreaterThan(10);

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: doc.info.title })).toBeVisible();
  await expect(page.getByRole("link", { name: "API", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("openapi-version")).toHaveText(`OpenAPI ${doc.openapi}`);
  await expect(page.getByTestId("operation")).toHaveCount(operations.length);
  await expect(page.getByTestId("operation-count")).toHaveText(String(operations.length));
  await expect(page.getByTestId("tag-group")).toHaveCount(tags.length);
  for (const tag of ["system", "catalogue", "latency", "connections"]) {
    expect(tags).toContain(tag);
    await expect(page.locator(`[data-testid="tag-group"][data-tag="${tag}"]`).getByRole("heading", { level: 2 })).toHaveText(tag);
  }
  const raw = page.getByTestId("raw-json-link");
  await expect(raw).toHaveAttribute("href", "/api/v1/openapi.json");
  await shot(page, "01-api-top");

  // GET /api/v1/regions: badge, summary, its query parameter and an array-of-Region answer with the fields spelled out.
  const regions = page.locator('[data-testid="operation"][data-method="get"][data-path="/api/v1/regions"]');
  await expect(regions).toHaveCount(1);
  await expect(regions.getByTestId("method-badge")).toHaveText(/get/i);
  await expect(regions.getByRole("heading", { level: 3 })).toHaveText("/api/v1/regions");
  await expect(regions.getByTestId("operation-summary")).toHaveText(doc.paths["/api/v1/regions"].get.summary);
  await expect(regions.getByTestId("parameters")).toContainText("provider");
  await expect(regions.getByTestId("parameters")).toContainText("Only this provider's regions");
  const ok = regions.locator('[data-testid="response"][data-status="200"]');
  await expect(ok).toContainText("array of Region");
  for (const field of ["key", "provider", "latitude", "longitude", "zones", "connections"]) {
    await expect(ok.getByTestId("schema-tree")).toContainText(field);
  }
  await expect(regions.locator('[data-testid="response"][data-status="400"]')).toContainText("Invalid input: the message names the field");
  await regions.scrollIntoViewIfNeeded();
  await shot(page, "02-regions-operation");

  // Every path of the document has its card, the index links to it.
  for (const { path, method } of operations) {
    await expect(page.locator(`[data-testid="operation"][data-method="${method}"][data-path="${path}"]`)).toHaveCount(1);
  }

  // POST /api/v1/connections: the request body's fields, which are required, their defaults and patterns.
  const create = page.locator('[data-testid="operation"][data-method="post"][data-path="/api/v1/connections"]');
  const body = create.getByTestId("request-body");
  await expect(body).toContainText("ConnectionCreate");
  await expect(body).toContainText(/provider\s*required/);
  await expect(body).toContainText(/name\s*optional/);
  await expect(body).toContainText('default "sim"');
  await expect(body).toContainText("Defaults to provider-region");
  await expect(create.locator('[data-testid="response"][data-status="201"]')).toContainText("Connection");
  await create.scrollIntoViewIfNeeded();
  await shot(page, "03-create-connection-operation");

  await page.getByRole("navigation", { name: "API index" }).getByRole("link", { name: /\/connections\/\{name\}\/verify/ }).click();
  await expect(page).toHaveURL(/#op-post-api-v1-connections-name-verify$/);
  const verify = page.locator('[data-testid="operation"][data-method="post"][data-path="/api/v1/connections/{name}/verify"]');
  await expect(verify).toBeInViewport();
  await expect(verify.getByTestId("parameters")).toContainText("name");
  await expect(verify.locator('[data-testid="response"][data-status="200"]')).toContainText("specCount");
  await shot(page, "04-verify-operation");

  // The raw document the page was drawn from.
  const rawRes = await request.get("/api/v1/openapi.json");
  expect(rawRes.ok()).toBe(true);
  expect(((await rawRes.json()) as Doc).openapi).toBe(doc.openapi);
});
