#!/usr/bin/env node
// `npm start`: build the console when no build exists or the sources changed since the last one,
// then serve it with `next start`. The server migrates its own database at start (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const buildId = path.join(root, ".next", "BUILD_ID");
// NEXT_PUBLIC_* values are baked into the browser code at build time, so a change means a rebuild.
const publicEnvStamp = path.join(root, ".next", "barista-public-env.json");
const publicEnv = JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("NEXT_PUBLIC_")).sort()));
const SOURCES = ["app", "components", "lib", "public", "prisma", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId)) return "no build yet";
  const built = statSync(buildId).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(root, s)) > built);
  if (changed) return `${changed} changed since the last build`;
  const stamped = existsSync(publicEnvStamp) ? readFileSync(publicEnvStamp, "utf8") : "{}";
  return stamped === publicEnv ? null : "NEXT_PUBLIC_ settings changed";
}

const reason = needsBuild();
if (reason) {
  console.log(`[barista] building the console (${reason}); this takes a minute or two…`);
  const r = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) {
    console.error("[barista] the build failed; the messages above say why");
    process.exit(r.status ?? 1);
  }
  writeFileSync(publicEnvStamp, publicEnv);
}

const port = process.env.PORT ?? "3000";
const host = process.env.BARISTA_HOST ?? "127.0.0.1";
const listenUrl = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
console.log(`[barista] serving on ${listenUrl}`);
const child = spawn(nextBin, ["start", "-p", port, "-H", host], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BARISTA_LISTEN_URL: listenUrl } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
