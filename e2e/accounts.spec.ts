import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { startOwnServer } from "./support/server";

// Accounts end to end, as people use them: a server of its own with a fresh database and no
// automation token, so the only way in is the setup link it prints. Every step acts as a
// signed-in user (the config's bearer header is switched off for this file).
test.use({ extraHTTPHeaders: {} });

const PORT = Number(process.env.E2E_PORT ?? 3210) + 11;

const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "ada-admin-password" };
const OPERATOR = { name: "Otto Operator", email: "otto@example.com", password: "otto-operator-pw" };
const VIEWER = { name: "Vera Viewer", email: "vera@example.com", password: "vera-viewer-pw" };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

function menuButton(page: Page) {
  return page.getByTestId("user-menu").locator("button[aria-controls='user-menu-panel']");
}

async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(menuButton(page)).toContainText(who.email);
}

async function signOut(page: Page) {
  await menuButton(page).click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

test("setup link → admin → users by role → tokens, audit, sessions → the sign-in rate limit", async ({ page, browser, request }) => {
  test.setTimeout(300_000);
  const database = `file:./data/e2e/accounts-${Date.now()}.db`;
  const server = await startOwnServer(PORT, {
    DATABASE_URL: database,
    BARISTA_API_TOKEN: "",
    BARISTA_SIM_SPEED: "200",
    BARISTA_SIM_FAULTS: "off",
  });
  const base = server.url;
  const second = await browser.newContext();
  try {
    let setupToken = "";
    await test.step("the server prints a one-time setup link and lets nobody in before it is used", async () => {
      await expect.poll(() => /\/setup\?token=([A-Za-z0-9]+)/.exec(server.log())?.[1] ?? "", { timeout: 30_000 }).not.toBe("");
      setupToken = /\/setup\?token=([A-Za-z0-9]+)/.exec(server.log())![1];
      expect(server.log()).not.toContain("BARISTA_API_TOKEN is set");
      const anonymous = await request.get(`${base}/api/v1/namespaces`);
      expect(anonymous.status()).toBe(401);
      expect((await anonymous.json()).error).toContain("setup link");
    });

    await test.step("the setup link makes the admin, who is signed in at once", async () => {
      await page.goto(`${base}/setup?token=${setupToken}`);
      await page.getByLabel("Your name").fill(ADMIN.name);
      await page.getByLabel("Email (you sign in with it)").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Create the admin account" }).click();
      await expect(menuButton(page)).toContainText(ADMIN.email);
      await expect(page.getByTestId("user-menu").getByTestId("role-badge")).toHaveText("admin");
    });

    await test.step("the admin adds an operator and a viewer on the Users page", async () => {
      await menuButton(page).click();
      await expect(page.getByRole("link", { name: "Audit" })).toBeVisible();
      await shot(page, "user-menu-admin");
      await page.getByRole("link", { name: "Users" }).click();
      await expect(page).toHaveURL(`${base}/users`);
      const form = page.getByTestId("add-user-form");
      for (const [who, role] of [
        [OPERATOR, "operator"],
        [VIEWER, "viewer"],
      ] as const) {
        await form.getByLabel("Name").fill(who.name);
        await form.getByLabel("Email (they sign in with it)").fill(who.email);
        await form.getByLabel("Password").fill(who.password);
        await form.getByLabel("Role").selectOption(role);
        await form.getByRole("button", { name: "Add user" }).click();
        const row = page.getByTestId("users-table").locator(`tr[data-email="${who.email}"]`);
        await expect(row.getByTestId("role-badge")).toHaveText(role);
      }
      await expect(page.getByTestId("user-row")).toHaveCount(3);

      // The last admin stays: the server's 409 is shown in the row.
      const own = page.locator(`tr[data-email="${ADMIN.email}"]`);
      await own.getByRole("button", { name: `Remove ${ADMIN.email}` }).click();
      await page.getByTestId("confirm-remove-user").getByRole("button", { name: "Yes, remove" }).click();
      await expect(page.getByTestId("row-error")).toContainText("would leave no admin");

      // The operator only reads the default namespace: a namespace role, set in the row's editor.
      const otto = page.locator(`tr[data-email="${OPERATOR.email}"]`);
      await otto.getByRole("button", { name: `Edit ${OPERATOR.email}` }).click();
      const editor = page.getByTestId("user-editor");
      await editor.getByRole("button", { name: "+ Namespace role" }).click();
      await editor.getByLabel("Namespace 1", { exact: true }).fill("default");
      await editor.getByLabel("Role in namespace default", { exact: true }).selectOption("viewer");
      await shot(page, "users-editing");
      await editor.getByRole("button", { name: "Save" }).click();
      await expect(otto).toContainText("default: viewer");
      await page.getByTestId("row-error").getByRole("button", { name: "Dismiss" }).click();
      await shot(page, "users");
    });

    await test.step("the viewer sees no admin pages and the server refuses their changes", async () => {
      await signOut(page);
      await signIn(page, base, VIEWER);
      await menuButton(page).click();
      await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Audit" })).toHaveCount(0);
      await page.keyboard.press("Escape");
      await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
      await expect(menuButton(page)).toBeFocused();

      await page.goto(`${base}/users`);
      await expect(page.getByTestId("role-notice")).toContainText("needs the admin role");
      await expect(page.getByTestId("users-table")).toHaveCount(0);
      await page.goto(`${base}/audit`);
      await expect(page.getByTestId("role-notice")).toContainText("needs the admin role");

      const refused = await page.request.post(`${base}/api/v1/namespaces`, { data: { name: "vera-space" } });
      expect(refused.status(), await refused.text()).toBe(403);
      expect((await page.request.get(`${base}/api/v1/users`)).status()).toBe(403);

      // A viewer may make tokens, never above their own role.
      await page.goto(`${base}/account`);
      const roles = page.getByTestId("new-token-form").getByLabel("Role").locator("option");
      await expect(roles).toHaveCount(1);
      await expect(roles).toHaveAttribute("value", "viewer");
    });

    await test.step("the operator may create a namespace but not list users, and only reads the namespace narrowed for them", async () => {
      await signOut(page);
      await signIn(page, base, OPERATOR);
      const created = await page.request.post(`${base}/api/v1/namespaces`, { data: { name: "otto-space" } });
      expect(created.status(), await created.text()).toBe(201);
      const narrowed = await page.request.post(`${base}/api/v1/ns/default/mci`, { data: {} });
      expect(narrowed.status()).toBe(403);
      expect((await narrowed.json()).error).toContain('in namespace "default"');
      const users = await page.request.get(`${base}/api/v1/users`);
      expect(users.status()).toBe(403);
      expect((await users.json()).error).toContain("admin role");
      await signOut(page);
    });

    let tokenValue = "";
    await test.step("the admin makes a token on the account page, uses it, revokes it: it stops at once", async () => {
      await signIn(page, base, ADMIN);
      await page.goto(`${base}/account`);
      await expect(page.getByTestId("identity")).toContainText(ADMIN.name);
      const form = page.getByTestId("new-token-form");
      // One that stays (a metrics writer), beside the one this step revokes.
      await form.getByLabel("Token name").fill("grafana-agent");
      await form.getByLabel("Role").selectOption("agent");
      await form.getByRole("button", { name: "Make token" }).click();
      await expect(page.getByTestId("new-token")).toContainText("grafana-agent");
      await form.getByLabel("Token name").fill("e2e-ci");
      await form.getByLabel("Role").selectOption("operator");
      await form.getByLabel("Expires after (days)").fill("30");
      await form.getByRole("button", { name: "Make token" }).click();
      await expect(page.getByTestId("new-token")).toContainText("e2e-ci");
      await expect(page.getByTestId("token-value")).toHaveText(/^brst_[A-Za-z0-9]{43}$/);
      await expect(page.getByTestId("new-token")).toContainText("will not show it again");
      tokenValue = (await page.getByTestId("token-value").textContent())!;
      const row = page.getByTestId("tokens-table").locator('tr[data-name="e2e-ci"]');
      await expect(row).toContainText(tokenValue.slice(0, 9));
      await expect(page.getByTestId("tokens-table")).not.toContainText(tokenValue);
      await shot(page, "account-new-token");

      const bearer = { authorization: `Bearer ${tokenValue}` };
      const me = await request.get(`${base}/api/v1/me`, { headers: bearer });
      expect(me.status(), await me.text()).toBe(200);
      expect(await me.json()).toMatchObject({ kind: "token", name: "e2e-ci", role: "operator", user: { email: ADMIN.email } });
      const made = await request.post(`${base}/api/v1/namespaces`, { headers: bearer, data: { name: "token-space" } });
      expect(made.status(), await made.text()).toBe(201);

      await page.getByTestId("new-token").getByRole("button", { name: "Done" }).click();
      await expect(page.getByTestId("token-value")).toHaveCount(0);
      await row.getByRole("button", { name: "Revoke e2e-ci" }).click();
      await page.getByTestId("confirm-revoke-token").getByRole("button", { name: "Yes, revoke" }).click();
      await expect(row).toHaveCount(0);
      const after = await request.get(`${base}/api/v1/me`, { headers: bearer });
      expect(after.status()).toBe(401);
    });

    await test.step("the audit page lists those changes, filtered by actor, and the CSV has them", async () => {
      await page.goto(`${base}/audit`);
      await page.getByLabel("Actor").fill(ADMIN.email);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/\/audit\?actor=ada%40example\.com$/);
      const table = page.getByTestId("audit-table");
      for (const action of ["POST /api/v1/users", "PATCH /api/v1/users/{id}", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}"]) {
        await expect(table.locator(`tr[data-action="${action}"]`).first()).toBeVisible();
      }
      await expect(table.locator('tr[data-action="POST /api/v1/users"]')).toHaveCount(2);
      // The refused removal of the last admin is there too, with the server's reason.
      await expect(table.locator('tr[data-action="DELETE /api/v1/users/{id}"][data-result="refused"]')).toContainText("would leave no admin");
      const actors = await table.locator("tr[data-actor]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-actor")));
      expect(new Set(actors)).toEqual(new Set([ADMIN.email]));
      // Newest first: the revoke came after the token was made.
      const actions = await table.locator("tr[data-action]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
      expect(actions.indexOf("DELETE /api/v1/tokens/{id}")).toBeLessThan(actions.indexOf("POST /api/v1/tokens"));
      await shot(page, "audit");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-csv").click()]);
      const csv = readFileSync((await download.path())!, "utf8");
      expect(csv.split("\r\n")[0]).toBe("id,at,actor,role,tokenId,action,target,result,status,source");
      expect(csv).toContain("DELETE /api/v1/tokens/{id}");
      expect(csv).toContain(`/api/v1/users/${OPERATOR.email}`);
      const lines = csv.split("\r\n").slice(1, -1);
      expect(lines.length).toBe(actors.length);
      expect(new Set(lines.map((l) => l.split(",")[2]))).toEqual(new Set([ADMIN.email]));

      // The viewer's refused attempt, found by its actor.
      await page.getByLabel("Actor").fill("vera");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(table.locator('tr[data-action="POST /api/v1/namespaces"][data-result="refused"]')).toContainText("403");
    });

    await test.step("a session revoked from another browser stops that browser at once", async () => {
      const other = await second.newPage();
      await signIn(other, base, ADMIN);
      await page.goto(`${base}/account`);
      const sessions = page.getByTestId("sessions-table").getByTestId("session-row");
      await expect(sessions).toHaveCount(2);
      await expect(sessions.filter({ has: page.getByTestId("this-device") })).toHaveCount(1);
      await shot(page, "account");
      expect((await second.request.get(`${base}/api/v1/me`)).status()).toBe(200);
      const theOther = page.locator('tr[data-testid="session-row"][data-current="false"]');
      await theOther.getByRole("button", { name: /^Revoke the session of/ }).click();
      await page.getByTestId("confirm-revoke-session").getByRole("button", { name: "Yes, revoke" }).click();
      await expect(sessions).toHaveCount(1);
      expect((await second.request.get(`${base}/api/v1/me`)).status()).toBe(401);
      await other.reload();
      await expect(other).toHaveURL(/\/login/);
    });

    await test.step("with BARISTA_ANONYMOUS_ROLE, a reader without an account sees what they are and how to sign in", async () => {
      // A second server on the same database, open to anonymous readers; a fresh browser has no cookie.
      const open = await startOwnServer(PORT + 1, { DATABASE_URL: database, BARISTA_API_TOKEN: "", BARISTA_ANONYMOUS_ROLE: "viewer", BARISTA_SIM_SPEED: "200", BARISTA_SIM_FAULTS: "off" });
      const context = await browser.newContext();
      try {
        const anon = await context.newPage();
        await anon.goto(`${open.url}/account`);
        await expect(anon.getByTestId("user-menu")).toContainText("Anonymous (viewer)");
        await expect(anon.getByTestId("user-menu").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login?next=%2Faccount");
        await expect(anon.getByTestId("identity")).toContainText("You are not signed in");
        await expect(anon.getByTestId("tokens-table")).toHaveCount(0);
        await shot(anon, "account-anonymous");
        await anon.goto(`${open.url}/users`);
        await expect(anon.getByTestId("role-notice")).toContainText("needs the admin role");
        expect((await context.request.post(`${open.url}/api/v1/namespaces`, { data: { name: "anon-space" } })).status()).toBe(403);
      } finally {
        await context.close();
        await open.stop();
      }
    });

    await test.step("11 wrong passwords in a row: the last is refused with 429", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const r = await request.post(`${base}/api/auth/sign-in/email`, { data: { email: ADMIN.email, password: `wrong-password-${i}` }, headers: { origin: base } });
        statuses.push(r.status());
      }
      expect(statuses[0]).toBe(401);
      expect(statuses.at(-1)).toBe(429);
      // Once limited, limited: no 401 after the first 429.
      expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429), statuses.join(",")).toBe(true);
      expect(statuses.every((s) => s === 401 || s === 429), statuses.join(",")).toBe(true);
      // The login form says what happened and what to do.
      await signOut(page);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts");
    });
  } finally {
    await second.close();
    await server.stop();
  }
});
