import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { cheapSpec, type Mci } from "./support/api";
import { startOwnServer } from "./support/server";

// The console hides what a role cannot do and the server refuses it: each user signs in on /login in
// a browser context of its own, without the automation token every other spec sends.
// Sign-ins are limited to 10 a minute per address; this file signs in 4 times.

const PORT = Number(process.env.E2E_PORT ?? 3210);
const PASSWORD = "roles-e2e-password";
const REGION = "aws-ap-northeast-2";
const stamp = Date.now() % 1_000_000;

type User = { name: string; email: string; role: "viewer" | "operator"; namespaceRoles?: Record<string, "viewer"> };

const USERS = {
  operator: { name: "Olu Operator", email: `operator-${stamp}@example.com`, role: "operator" },
  viewer: { name: "Vera Viewer", email: `viewer-${stamp}@example.com`, role: "viewer" },
  // An operator everywhere but in `default`, where she only reads.
  narrowed: { name: "Nia Narrowed", email: `narrowed-${stamp}@example.com`, role: "operator", namespaceRoles: { default: "viewer" } },
} satisfies Record<string, User>;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

async function createMci(api: APIRequestContext, ns: string, name: string, base = ""): Promise<Mci> {
  const specId = await cheapSpec(api, base, REGION);
  const r = await api.post(`${base}/api/v1/ns/${ns}/mci`, { data: { name, subGroups: [{ region: REGION, specId, count: 1 }] } });
  expect(r.status(), await r.text()).toBe(202);
  return (await r.json()) as Mci;
}

/** A browser context with no bearer header: what a person's browser sends, and nothing more. */
async function bareContext(browser: Browser, baseURL?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: {}, ...(baseURL ? { baseURL } : {}) });
  // The config sends the automation token from every context; this one must not.
  const probe = await context.request.get("/api/v1/namespaces");
  expect(probe.status(), "a context without credentials is refused (no token header rides along)").toBe(401);
  return context;
}

async function signIn(page: Page, user: User, next?: string) {
  if (!next) await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The page's own request context: its cookie, and the page's origin as a browser would send it. */
async function postFromPage(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.post(path, { data, headers: { origin } });
}

const lifecycle = (page: Page) => page.getByRole("group", { name: "Lifecycle actions" });

test.describe.serial("roles in the console and the API", () => {
  const mcis: Record<"default" | "team", Mci | null> = { default: null, team: null };

  test.beforeAll(async ({ request }) => {
    for (const user of Object.values(USERS)) {
      const r = await request.post("/api/v1/users", { data: { ...user, password: PASSWORD } });
      expect(r.status(), await r.text()).toBe(201);
    }
    const team = await request.post("/api/v1/namespaces", { data: { name: "team" } });
    expect([201, 409], await team.text()).toContain(team.status());
    mcis.default = await createMci(request, "default", `roles-d-${stamp}`);
    mcis.team = await createMci(request, "team", `roles-t-${stamp}`);
  });

  test("a viewer reads everything, sees no control that changes anything, and the server refuses the change anyway", async ({ browser }) => {
    const context = await bareContext(browser);
    const page = await context.newPage();
    await signIn(page, USERS.viewer);

    await page.goto("/connections");
    await expect(page.getByTestId("connection-table")).toBeVisible();
    await expect(page.getByTestId("connection-row").first()).toBeVisible();
    await expect(page.getByTestId("add-connection-form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Verify / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await shot(page, "viewer-connections");

    await page.goto("/mci");
    await expect(page.locator(`[data-testid="mci-row"][data-id="${mcis.default!.id}"]`)).toBeVisible();
    await expect(page.getByRole("link", { name: "New MCI" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "+ Namespace" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download SSH key" })).toHaveCount(0);

    // The create page, reached by its address, explains instead of offering a form that would be refused.
    await page.goto("/ns/default/mci/new");
    await expect(page.getByTestId("role-notice")).toContainText("Creating an MCI needs the operator role in namespace default");
    await expect(page.getByTestId("create-panel")).toHaveCount(0);
    await shot(page, "viewer-new-mci");

    await page.goto(`/ns/default/mci/${mcis.default!.id}`);
    await expect(page.getByTestId("mci-header")).toBeVisible();
    await expect(page.getByTestId("role-notice")).toContainText("needs the operator role in namespace default");
    await expect(lifecycle(page)).toHaveCount(0);
    await expect(page.getByTestId("mci-header").getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByTestId("mci-header")).toContainText("Running");
    await shot(page, "viewer-mci");
    await page.getByRole("tab", { name: /Subgroups/ }).click();
    await expect(page.getByTestId("subgroup-card")).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Scale out" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "+ Add a subgroup" })).toHaveCount(0);

    // Even the address that opens the rule form on an MCI shows no form to a viewer.
    await page.goto(`/alerts?mci=${mcis.default!.id}`);
    await expect(page.getByTestId("alert-summary")).toBeVisible();
    await expect(page.getByTestId("rules-empty").or(page.getByTestId("rule-table"))).toBeVisible();
    await expect(page.getByTestId("new-rule")).toHaveCount(0);
    await expect(page.getByTestId("rule-form")).toHaveCount(0);

    await page.goto("/placement");
    await expect(page.getByTestId("placement-map")).toBeVisible();
    await expect(page.getByTestId("role-notice")).toContainText("Computing a placement needs the operator role");
    await expect(page.getByRole("button", { name: /Run placement|Run again/ })).toHaveCount(0);
    await shot(page, "viewer-placement");

    const refused = await postFromPage(page, "/api/v1/namespaces", { name: `viewer-${stamp}` });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain("operator role");
    await context.close();
  });

  test("an operator makes MCIs and alert rules but does not manage connections", async ({ browser }) => {
    const context = await bareContext(browser);
    const page = await context.newPage();
    await signIn(page, USERS.operator);

    await page.goto("/mci");
    await expect(page.getByRole("link", { name: "New MCI" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "+ Namespace" })).toBeVisible();

    // The MCI page's "New rule for this MCI" opens the form on that MCI.
    await page.goto(`/alerts?mci=${mcis.default!.id}`);
    await expect(page.getByTestId("new-rule")).toBeVisible();
    await expect(page.getByTestId("rule-form")).toBeVisible();

    await page.goto("/connections");
    await expect(page.getByTestId("connection-row").first()).toBeVisible();
    await expect(page.getByTestId("add-connection-form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Verify / }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);

    await page.goto("/placement");
    await expect(page.getByRole("button", { name: "Run placement" })).toBeVisible();
    await expect(page.getByTestId("role-notice")).toHaveCount(0);

    await page.goto(`/ns/default/mci/${mcis.default!.id}`);
    await expect(lifecycle(page).getByRole("button", { name: "Suspend" })).toBeVisible();
    await expect(page.getByTestId("mci-header").getByRole("button", { name: "Delete" })).toBeVisible();
    await expect(page.getByTestId("role-notice")).toHaveCount(0);
    await expect(page.getByTestId("mci-header")).toContainText("Running");
    await shot(page, "operator-mci");

    // The server agrees with what the page offers: this operator may add a namespace, not a connection.
    const ns = await postFromPage(page, "/api/v1/namespaces", { name: `op-${stamp}` });
    expect(ns.status(), await ns.text()).toBe(201);
    const conn = await postFromPage(page, "/api/v1/connections", { provider: "aws", region: "us-east-1", name: `op-${stamp}` });
    expect(conn.status(), await conn.text()).toBe(403);
    await context.close();
  });

  test("an operator narrowed to viewer in default acts in team only, in the console and in the API", async ({ browser }) => {
    const context = await bareContext(browser);
    const page = await context.newPage();
    await signIn(page, USERS.narrowed);

    await page.goto("/mci?ns=default");
    await expect(page.locator(`[data-testid="mci-row"][data-id="${mcis.default!.id}"]`)).toBeVisible();
    await expect(page.getByRole("link", { name: "New MCI" })).toHaveCount(0);
    await page.goto("/mci?ns=team");
    await expect(page.locator(`[data-testid="mci-row"][data-id="${mcis.team!.id}"]`)).toBeVisible();
    await expect(page.getByRole("link", { name: "New MCI" }).first()).toBeVisible();

    await page.goto(`/ns/default/mci/${mcis.default!.id}`);
    await expect(page.getByTestId("mci-header")).toBeVisible();
    await expect(page.getByTestId("role-notice")).toContainText("in namespace default");
    await expect(lifecycle(page)).toHaveCount(0);

    await page.goto(`/ns/team/mci/${mcis.team!.id}`);
    await expect(lifecycle(page).getByRole("button", { name: "Suspend" })).toBeVisible();
    await expect(page.getByTestId("role-notice")).toHaveCount(0);

    const specId = await cheapSpec(page.request, "", REGION);
    const body = (name: string) => ({ name, subGroups: [{ region: REGION, specId, count: 1 }] });
    const inDefault = await postFromPage(page, "/api/v1/ns/default/mci", body(`nd-${stamp}`));
    expect(inDefault.status(), await inDefault.text()).toBe(403);
    expect(((await inDefault.json()) as { error: string }).error).toContain('namespace "default"');
    const inTeam = await postFromPage(page, "/api/v1/ns/team/mci", body(`nt-${stamp}`));
    expect(inTeam.status(), await inTeam.text()).toBe(202);
    await context.close();
  });

  test("a signed-out visit goes to /login and, once signed in, back to the address asked for", async ({ browser }) => {
    const target = "/ns/default/mci/x?tab=vms";
    const context = await bareContext(browser);
    const page = await context.newPage();
    const visited: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });

    await page.goto(target);
    await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("next") === target);
    await signIn(page, USERS.viewer, target);
    await expect(page.getByTestId("mci-error")).toContainText("No MCI x in namespace default");
    // The MCI page tidies the default tab out of its address once it has loaded, so look at where the sign-in led.
    const origin = new URL(page.url()).origin;
    expect(visited).toContain(`${origin}${target}`);
    await context.close();
  });
});

test("BARISTA_ANONYMOUS_ROLE=viewer: nobody before the first user; then the map and the MCIs read without signing in, and nothing that changes is offered or allowed", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(180_000);
  const server = await startOwnServer(PORT + 11, {
    DATABASE_URL: `file:./data/e2e/anonymous-${Date.now()}.db`,
    BARISTA_ANONYMOUS_ROLE: "viewer",
    BARISTA_SIM_SPEED: "200",
    BARISTA_SIM_FAULTS: "off",
  });
  const anonymous = await playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: {} });
  const admin = await playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: { authorization: `Bearer ${process.env.BARISTA_API_TOKEN}` } });
  try {
    // Before setup the anonymous role does not apply: every API answers 401, every page goes to /login.
    const reads = ["/api/v1/namespaces", "/api/v1/regions", "/api/v1/providers", "/api/v1/connections", "/api/v1/ns/default/mci", "/api/v1/alerts/rules", "/api/v1/alerts/events"];
    for (const path of reads) expect((await anonymous.get(path)).status(), `GET ${path} before setup`).toBe(401);
    expect((await anonymous.post("/api/v1/namespaces", { data: { name: "early" } })).status()).toBe(401);
    const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: {} });
    const page = await context.newPage();
    await page.goto("/mci");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText("Set up Barista first")).toBeVisible();

    // The first user, made with the automation token.
    const first = await admin.post("/api/v1/users", { data: { name: "First Admin", email: `first-${stamp}@example.com`, password: PASSWORD, role: "admin" } });
    expect(first.status(), await first.text()).toBe(201);
    const mci = await createMci(admin, "default", `anon-${stamp}`);

    for (const path of reads) expect((await anonymous.get(path)).status(), `GET ${path} after setup`).toBe(200);
    const refused = await anonymous.post("/api/v1/namespaces", { data: { name: "anonymous" } });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain("anonymous readers are viewer");

    const regions = (await (await anonymous.get("/api/v1/regions")).json()) as unknown[];
    await page.goto("/");
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByTestId("world-map")).toHaveAttribute("data-region-count", String(regions.length));

    await page.goto("/mci");
    await expect(page.locator(`[data-testid="mci-row"][data-id="${mci.id}"]`)).toBeVisible();
    await expect(page.getByRole("link", { name: "New MCI" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "+ Namespace" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download SSH key" })).toHaveCount(0);

    await page.goto(`/ns/default/mci/${mci.id}`);
    await expect(page.getByTestId("mci-header")).toBeVisible();
    await expect(lifecycle(page)).toHaveCount(0);
    await expect(page.getByTestId("role-notice")).toContainText("You are reading without signing in");

    await page.goto("/connections");
    await expect(page.getByTestId("connection-row").first()).toBeVisible();
    await expect(page.getByTestId("add-connection-form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Verify / })).toHaveCount(0);

    await page.goto("/alerts");
    await expect(page.getByTestId("alert-summary")).toBeVisible();
    await expect(page.getByTestId("new-rule")).toHaveCount(0);

    await page.goto("/placement");
    await expect(page.getByTestId("role-notice")).toBeVisible();
    await expect(page.getByRole("button", { name: /Run placement/ })).toHaveCount(0);

    // The notice's way out: the sign-in page opens for an anonymous reader instead of bouncing back.
    await page.getByTestId("role-notice").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fplacement/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await context.close();
  } finally {
    await anonymous.dispose();
    await admin.dispose();
    await server.stop();
  }
});
