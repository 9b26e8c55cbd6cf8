#!/usr/bin/env node
// Commands tab benchmark: how the MCI page's Commands tab keeps up while every VM of a 1,000-VM
// MCI streams its output. Starts its own console, creates one MCI (by default 20 VMs in each of 50
// regions), waits until it runs, then in headless Chromium types a command in the tab and, while
// the output streams, scrolls the VM list as a reader would; requestAnimationFrame records every
// frame. Prints the frame-time p50/p95 while streaming, the time until the page shows every VM
// done, and the page's DOM node count with every VM listed (the list is virtualised).
//
//   node bench/commands-tab/run.mjs [--regions 50] [--per-region 20] [--port 3270] [--speed 100] [--command "..."] [--shot file.png]
import os from "node:os";
import { frameRecorder, launchChromium } from "../support/browser.mjs";
import { benchToken, deployMci, globalSubGroups, parseArgs, sleep, startConsole } from "../support/console.mjs";

const args = parseArgs();
const regionCount = Number(args.regions ?? 50);
const perRegion = Number(args["per-region"] ?? 20);
const speed = Number(args.speed ?? 100);
const port = Number(args.port ?? 3270);
// Output now and later, on stdout and stderr: the stream keeps flowing for a few seconds.
const command = args.command ?? "hostname; uname -a; uptime; sleep 2; free -m; echo warning >&2; sleep 2; df -h; nproc";
const VIEWPORT = { width: 1600, height: 900 };

const { base, stop: stopServer } = await startConsole({ port, name: "commands-tab", env: { BARISTA_SIM_SPEED: String(speed), BARISTA_SIM_FAULTS: "off" } });
const subGroups = await globalSubGroups(base, regionCount, perRegion);
const { id: mciId, mci } = await deployMci(base, { name: `cmd-bench-${Date.now() % 100_000}`, subGroups });

const browser = await launchChromium();
const page = await browser.newPage({ viewport: VIEWPORT, extraHTTPHeaders: { authorization: `Bearer ${benchToken}` } });
// Every frame's time, from requestAnimationFrame.
const frameTimes = await frameRecorder(page);

await page.goto(`${base}/ns/default/mci/${mciId}?tab=commands`);
await page.getByTestId("command-input").waitFor();
await sleep(1500);
await page.getByTestId("command-input").fill(command);
const started = Date.now();
await frameTimes.start();
await page.getByTestId("command-input").press("Enter");
await page.getByTestId("command-view").waitFor();
const view = page.getByTestId("command-view");
// Scroll the list down and back while the output streams, as someone watching it would.
const list = await page.getByRole("list", { name: "VMs of the command" }).boundingBox();
let scrolls = 0;
while ((await view.getAttribute("data-status")) !== "finished" && Date.now() - started < 600_000) {
  await page.mouse.move(list.x + list.width / 2, Math.min(list.y + 200, VIEWPORT.height - 100));
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, scrolls % 2 === 0 ? 400 : -400);
    await sleep(30);
  }
  scrolls++;
}
const doneMs = Date.now() - started;
const frames = await frameTimes.stop();
const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
if (args.shot) await page.screenshot({ path: args.shot });
const counts = await page.getByTestId("command-counts").evaluate((el) => Object.fromEntries([...el.attributes].filter((a) => a.name.startsWith("data-") && a.name !== "data-testid").map((a) => [a.name.slice(5), Number(a.value)])));
await browser.close();

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
console.log(`\ncommands-tab bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`MCI: ${mci.statusCount.total} VMs over ${subGroups.length} regions, ${mci.status}; command: ${command}`);
console.log(`every VM done on the page after ${(doneMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
console.log(`frames while streaming and scrolling: ${frames.length}, p50 ${percentile(frames, 0.5).toFixed(1)} ms, p95 ${percentile(frames, 0.95).toFixed(1)} ms`);
console.log(`DOM nodes with every VM listed: ${nodes}`);
stopServer();
process.exit(0);
