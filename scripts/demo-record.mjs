#!/usr/bin/env node
// `npm run demo:record`: plays both guided tours unattended (/demo/<tour>?autoplay=1) in headless
// Chromium and records each to a video file, for presenting without a live machine.
//
//   BARISTA_URL=http://127.0.0.1:3000 BARISTA_API_TOKEN=… npm run demo:record   # a console that runs
//   npm run demo:record                                                        # starts its own (default simulator)
//
// Options (environment): DEMO_TOURS=video-conference,global-scale · DEMO_OUT=demo-videos ·
// DEMO_SIZE=1920x1080 · DEMO_PORT=3799 (its own console) · CHROMIUM_PATH · DEMO_VIDEO=off (a rehearsal:
// play and time the tours without recording, and without ffmpeg).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const out = path.resolve(root, process.env.DEMO_OUT ?? "demo-videos");
const tours = (process.env.DEMO_TOURS ?? "video-conference,global-scale").split(",").map((t) => t.trim()).filter(Boolean);
const [width, height] = (process.env.DEMO_SIZE ?? "1920x1080").split("x").map(Number);

function fail(message) {
  console.error(`[demo:record] ${message}`);
  process.exit(1);
}

/** Chromium as the repository finds it: CHROMIUM_PATH, Debian's /usr/bin/chromium, else Playwright's own. */
function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

/** The ffmpeg revision this Playwright looks for (its video encoder: VP9 into .webm). */
function ffmpegRevision() {
  const browsers = JSON.parse(readFileSync(path.join(path.dirname(require.resolve("playwright-core/package.json")), "browsers.json"), "utf8"));
  return browsers.browsers.find((b) => b.name === "ffmpeg").revision;
}

function playwrightCache() {
  if (process.env.PLAYWRIGHT_BROWSERS_PATH) return process.env.PLAYWRIGHT_BROWSERS_PATH;
  if (process.platform === "darwin") return path.join(homedir(), "Library", "Caches", "ms-playwright");
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "ms-playwright");
}

function systemFfmpegWithVp9() {
  const which = spawnSync("sh", ["-c", "command -v ffmpeg"], { encoding: "utf8" });
  const bin = which.stdout.trim();
  if (which.status !== 0 || !bin) return null;
  const encoders = spawnSync(bin, ["-hide_banner", "-encoders"], { encoding: "utf8" });
  return encoders.stdout?.includes("libvpx-vp9") ? bin : null;
}

/**
 * Playwright records only through the ffmpeg build it downloads (`npx playwright install ffmpeg`,
 * from its CDN), found at <cache>/ffmpeg-<rev>/ffmpeg-linux; it takes no path option. Offline, a
 * system ffmpeg with VP9 (Debian's `ffmpeg` package) works in its place: it is linked into a
 * private cache folder under that name, and Playwright is pointed there.
 */
function prepareFfmpeg(chromium) {
  const rev = ffmpegRevision();
  const exe = process.platform === "darwin" ? "ffmpeg-mac" : process.platform === "win32" ? "ffmpeg-win64.exe" : "ffmpeg-linux";
  if (existsSync(path.join(playwrightCache(), `ffmpeg-${rev}`, exe))) return "Playwright's own ffmpeg";
  const system = systemFfmpegWithVp9();
  if (!system) {
    fail(
      [
        "recording needs ffmpeg, which is not installed. Install one of:",
        "  - Debian/Ubuntu, from the distribution's packages: sudo apt-get install -y ffmpeg",
        `  - Playwright's own build (downloads from Playwright's CDN): npx playwright install ffmpeg   (ffmpeg-${rev})`,
        "then run npm run demo:record again.",
      ].join("\n"),
    );
  }
  if (!chromium) fail("with a system ffmpeg, give Chromium's path: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH");
  const shim = path.join(out, ".playwright", `ffmpeg-${rev}`);
  mkdirSync(shim, { recursive: true });
  rmSync(path.join(shim, exe), { force: true });
  symlinkSync(system, path.join(shim, exe));
  process.env.PLAYWRIGHT_BROWSERS_PATH = path.dirname(shim);
  return `${system} (linked for Playwright)`;
}

/** A console of its own on a fresh database and the default simulator settings (speed 1, realistic faults), stopped at exit. */
async function startConsole(token) {
  const port = process.env.DEMO_PORT ?? "3799";
  mkdirSync(path.join(root, "data/demo-record"), { recursive: true });
  const server = spawn("node", [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: port, DATABASE_URL: `file:./data/demo-record/barista-${Date.now()}.db`, BARISTA_API_TOKEN: token },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10 * 60_000;
  for (;;) {
    if (server.exitCode !== null) fail("the console it started exited; its messages are above");
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return base;
    } catch {
      // building or starting
    }
    if (Date.now() > until) fail("the console it started did not answer within 10 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const chromium = chromiumPath();
  mkdirSync(out, { recursive: true });
  const record = process.env.DEMO_VIDEO !== "off";
  const encoder = record ? prepareFfmpeg(chromium) : "none (DEMO_VIDEO=off)";
  const token = process.env.BARISTA_API_TOKEN || `demo-${randomBytes(18).toString("hex")}`;
  let base = process.env.BARISTA_URL?.replace(/\/$/, "");
  if (base && !process.env.BARISTA_API_TOKEN) console.warn("[demo:record] no BARISTA_API_TOKEN: the tours need an operator; set it to the console's automation token, unless it lets anonymous operators in");
  base ??= await startConsole(token);
  const { chromium: browserType } = await import("playwright-core");
  const browser = await browserType.launch({ executablePath: chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"] });
  console.log(`[demo:record] recording from ${base} into ${out} (${width}×${height}, encoder ${encoder})`);
  for (const tour of tours) {
    const context = await browser.newContext({
      viewport: { width, height },
      recordVideo: record ? { dir: out, size: { width, height } } : undefined,
      extraHTTPHeaders: process.env.BARISTA_API_TOKEN || !process.env.BARISTA_URL ? { authorization: `Bearer ${token}` } : {},
    });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/demo/${tour}?autoplay=1`);
    if (!(await page.getByTestId("demo-stage").count())) fail(`${base}/demo/${tour} did not open the tour (${page.url()}): is the token an operator's?`);
    const ended = await Promise.race([
      page.getByTestId("demo-finished").waitFor({ timeout: 15 * 60_000 }).then(() => "finished"),
      page.getByTestId("demo-stopped").waitFor({ timeout: 15 * 60_000 }).then(() => "stopped"),
    ]);
    const seconds = Math.round((Date.now() - started) / 1000);
    const work = await page.getByTestId("demo-step").evaluateAll((els) => els.map((el) => `${el.getAttribute("title")} (work ${Math.round(Number(el.getAttribute("data-work-ms") ?? 0) / 100) / 10} s): ${el.getAttribute("data-detail") ?? ""}`));
    for (const line of work) console.log(`[demo:record]   ${line}`);
    // A few seconds on the final figures, then the cleanup's progress as it goes (up to two minutes).
    await page.waitForTimeout(8_000);
    await page.locator('[data-testid="demo-cleanup"][data-state="done"]').waitFor({ timeout: 120_000 }).catch(() => {});
    const video = page.video();
    await context.close();
    const file = path.join(out, `${tour}.webm`);
    if (video) renameSync(await video.path(), file);
    console.log(`[demo:record] ${tour}: ${ended} after ${seconds} s${video ? ` → ${path.relative(root, file)}` : ""}`);
    if (ended === "stopped") process.exitCode = 1;
  }
  await browser.close();
}

// The console it started keeps the event loop alive: exit explicitly (the exit hook stops it).
main().then(
  () => process.exit(),
  (e) => fail(e instanceof Error ? e.stack ?? e.message : String(e)),
);
