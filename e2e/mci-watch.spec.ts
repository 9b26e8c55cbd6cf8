import { expect, test } from "@playwright/test";
import { cheapSpec } from "./support/api";

const REGION = "aws-ap-northeast-2";

test("the MCI page follows its watch stream: a VM's change shows without a reload or a poll", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const specId = await cheapSpec(request, baseURL!, REGION);
  const created = await request.post("/api/v1/ns/default/mci", { data: { name: `watch-${Date.now() % 1_000_000}`, description: "", subGroups: [{ region: REGION, specId, count: 2 }] } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  const mciUrl = new RegExp(`/api/v1/ns/default/mci/${id}$`);
  try {
    const stream = page.waitForRequest(new RegExp(`/api/v1/ns/default/mci/${id}/watch$`));
    await page.goto(`/ns/default/mci/${id}`);
    expect((await stream).headers().accept).toMatch(/text\/event-stream/);
    const progress = page.getByTestId("mci-progress");
    await expect(progress).toHaveAttribute("data-running", "2", { timeout: 120_000 });

    // From here on the page must not ask for the MCI again: what changes comes down the stream.
    const polls: string[] = [];
    page.on("request", (r) => {
      if (mciUrl.test(r.url()) && r.method() === "GET") polls.push(r.url());
    });
    const mci = (await (await request.get(`/api/v1/ns/default/mci/${id}`)).json()) as { vms: { id: string }[] };
    const suspended = await request.post(`/api/v1/ns/default/mci/${id}/actions`, { data: { action: "suspend", vmIds: [mci.vms[0].id] } });
    expect(suspended.status(), await suspended.text()).toBe(202);
    await expect(progress).toHaveAttribute("data-suspended", "1", { timeout: 60_000 });
    await expect(page.getByTestId("mci-progress-text")).toHaveText("1/2 running · 1 suspended");
    expect(polls).toEqual([]);
    await page.screenshot({ path: test.info().outputPath("01-suspended-live.png") });
  } finally {
    expect((await request.delete(`/api/v1/ns/default/mci/${id}`)).status()).toBe(202);
  }
  // Deleted elsewhere: the stream ends and the page goes back to the list.
  await expect(page).toHaveURL(/\/mci\?ns=default&deleted=watch-/, { timeout: 120_000 });
});
