#!/usr/bin/env node
/**
 * Builds the latency model's data from CB-Tumblebug's `assets/` folder:
 *
 *   node scripts/build-latency.mjs <path-to-cb-tumblebug-assets> [out-dir]
 *
 * Writes, under lib/placement/latency/ (or out-dir, used to compare runs without touching the tree):
 *   measured.json          the measured RTT matrix (rows = source, columns = target, null = not measured)
 *   fit.json               RTT ≈ a + b·km fitted on the measured pairs, with its error figures
 *   fixtures/regions.json  {key, latitude, longitude, enabled} for tests (enabled regions + every measured one)
 *
 * Run by hand when the assets change; the outputs are committed so the product never reads
 * the assets folder at run time. Output is deterministic (no timestamps) so reruns diff cleanly.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

// Fibre carries light at ~200,000 km/s: 100 km out and back is 1 ms, so no real path is faster.
const FLOOR_MS_PER_KM = 0.01;
const EARTH_RADIUS_KM = 6371;
const DEG = Math.PI / 180;
// China's cross-border filtering adds tens of ms regardless of distance; reported separately.
const CHINA_MAINLAND = /^(alibaba-cn-|tencent-ap-(beijing|chengdu|chongqing|guangzhou|nanjing|shanghai|shenzhen))/;

const DEFAULT_OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "lib", "placement", "latency");

/** Splits one CSV line, honouring double quotes (display names such as "Paris, France"). */
function splitCsvLine(line) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(cur); cur = ""; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

function readCsv(path) {
  return readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.length > 0).map(splitCsvLine);
}

/**
 * Region coordinates. The derived cloudregions.csv is preferred when present; a plain
 * Tumblebug checkout only has cloudinfo.yaml, where disabled regions are commented out,
 * so they are uncommented to recover their coordinates (several were measured in 2022).
 */
function readRegions(dir) {
  const csvPath = join(dir, "cloudregions.csv");
  if (existsSync(csvPath)) {
    const [header, ...rows] = readCsv(csvPath);
    const col = (name) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`cloudregions.csv has no column ${name}`);
      return i;
    };
    const [k, lat, lon, en] = ["regionKey", "latitude", "longitude", "enabledInCloudinfo"].map(col);
    return rows.map((r) => ({ key: r[k], latitude: Number(r[lat]), longitude: Number(r[lon]), enabled: r[en] === "true" }));
  }
  const text = readFileSync(join(dir, "cloudinfo.yaml"), "utf8");
  const regionsOf = (doc) => {
    const out = new Map();
    for (const [csp, info] of Object.entries(doc.cloud ?? {})) {
      for (const [region, r] of Object.entries(info?.region ?? {})) {
        out.set(`${csp}-${region}`, { latitude: Number(r.location?.latitude), longitude: Number(r.location?.longitude) });
      }
    }
    return out;
  };
  const enabled = regionsOf(yaml.load(text));
  // Region blocks are commented at six spaces of indent: "      # ap-south-1:".
  const all = regionsOf(yaml.load(text.replace(/^( {6})# /gm, "$1")));
  return [...all].map(([key, c]) => ({ key, ...c, enabled: enabled.has(key) }));
}

/** The measured matrix: only labelled rows/columns; 300×300 padding and empty cells dropped. */
function readMatrix(dir) {
  const [header, ...rows] = readCsv(join(dir, "cloudlatencymap.csv"));
  const keys = header.slice(1).filter((k) => k.trim() !== "");
  const rttMs = keys.map((key, i) => {
    const row = rows[i];
    if (!row || row[0] !== key) throw new Error(`cloudlatencymap.csv row ${i + 2} is "${row?.[0]}", expected ${key}`);
    return keys.map((_, j) => {
      const cell = (row[j + 1] ?? "").trim();
      if (cell === "") return null;
      const v = Number(cell);
      if (!Number.isFinite(v) || v < 0) throw new Error(`bad RTT "${cell}" at ${key} -> ${keys[j]}`);
      return Math.round(v * 100) / 100;
    });
  });
  return { keys, rttMs };
}

function greatCircleKm(a, b) {
  const dLat = (b.latitude - a.latitude) * DEG;
  const dLon = (b.longitude - a.longitude) * DEG;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * DEG) * Math.cos(b.latitude * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Mirrors lib/placement/latency/latency-model.ts: mean of both directions, else the one measured. */
function symmetricPairs(measured, coords) {
  const { keys, rttMs } = measured;
  const pairs = [];
  let both = 0, one = 0, none = 0;
  const rel = [];
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const ab = rttMs[i][j], ba = rttMs[j][i];
      if (ab === null && ba === null) { none++; continue; }
      let y;
      if (ab !== null && ba !== null) { both++; y = (ab + ba) / 2; if (y > 0) rel.push(Math.abs(ab - ba) / y); }
      else { one++; y = ab ?? ba; }
      pairs.push({ a: keys[i], b: keys[j], km: greatCircleKm(coords.get(keys[i]), coords.get(keys[j])), y });
    }
  }
  return { pairs, asymmetry: { bothDirections: both, oneDirection: one, neither: none, medianRelativeDiff: round(quantile(rel, 0.5), 4), p90RelativeDiff: round(quantile(rel, 0.9), 4) } };
}

/** Linear-interpolated quantile (type 7); q = 0.5 is the usual median. */
function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

const round = (v, digits) => Number(v.toFixed(digits));

const estimate = (a, b, km) => Math.max(a + b * km, FLOOR_MS_PER_KM * km);

/** The value where the cumulative weight of sorted values first reaches half the total. */
function weightedMedian(values, weights) {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const half = weights.reduce((s, w) => s + w, 0) / 2;
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= half) return values[i];
  }
  return values[order[order.length - 1]];
}

/**
 * Weighted least absolute deviations with b ≥ floor. For fixed b the best a is the weighted
 * median residual, and the remaining objective is convex in b, so a ternary search over b is
 * exact enough. weight 1 is plain LAD (median regression); weight 1/measured minimises the
 * sum of relative errors.
 */
function fitWeightedLad(pairs, weightOf) {
  const w = pairs.map(weightOf);
  const profile = (b) => {
    const a = weightedMedian(pairs.map((p) => p.y - b * p.km), w);
    let cost = 0;
    for (let i = 0; i < pairs.length; i++) cost += w[i] * Math.abs(pairs[i].y - a - b * pairs[i].km);
    return { a, b, cost };
  };
  let lo = FLOOR_MS_PER_KM, hi = 0.1;
  for (let it = 0; it < 200 && hi - lo > 1e-10; it++) {
    const m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (profile(m1).cost <= profile(m2).cost) hi = m2;
    else lo = m1;
  }
  return profile((lo + hi) / 2);
}

function fitOls(pairs) {
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const p of pairs) { sx += p.km; sy += p.y; sxx += p.km * p.km; sxy += p.km * p.y; }
  const n = pairs.length;
  const b = Math.max(FLOOR_MS_PER_KM, (n * sxy - sx * sy) / (n * sxx - sx * sx));
  return { a: (sy - b * sx) / n, b };
}

function errorStats(pairs, a, b) {
  const abs = [], relErr = [], signed = [];
  let ssr = 0, sst = 0;
  const mean = pairs.reduce((s, p) => s + p.y, 0) / pairs.length;
  for (const p of pairs) {
    const e = estimate(a, b, p.km) - p.y;
    abs.push(Math.abs(e)); signed.push(e); relErr.push(Math.abs(e) / p.y);
    ssr += e * e; sst += (p.y - mean) ** 2;
  }
  return {
    n: pairs.length,
    medianAbsErrorMs: round(quantile(abs, 0.5), 2),
    p90AbsErrorMs: round(quantile(abs, 0.9), 2),
    medianRelError: round(quantile(relErr, 0.5), 4),
    medianSignedErrorMs: round(quantile(signed, 0.5), 2),
    r2: round(1 - ssr / sst, 4),
  };
}

function main() {
  const [dir, outDir = DEFAULT_OUT_DIR] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node scripts/build-latency.mjs <path-to-cb-tumblebug-assets-folder> [out-dir]");
    process.exit(2);
  }
  const regions = readRegions(dir);
  const coords = new Map(regions.map((r) => [r.key, r]));
  const measured = readMatrix(dir);
  const missing = measured.keys.filter((k) => !Number.isFinite(coords.get(k)?.latitude) || !Number.isFinite(coords.get(k)?.longitude));
  if (missing.length) throw new Error(`no coordinates for measured regions: ${missing.join(", ")}`);

  const { pairs, asymmetry } = symmetricPairs(measured, coords);
  if (pairs.some((p) => !(p.y > 0))) throw new Error("a measured off-diagonal RTT is 0; relative errors need y > 0");
  // Relative-error L1: robust like any L1 fit (China's filtered paths sit 60 ms above the line
  // and barely move it), and it keeps short paths, where placement decisions are made, right.
  const chosen = fitWeightedLad(pairs, (p) => 1 / p.y);
  // The model ships the rounded coefficients, so the error figures are computed with them.
  const a = round(chosen.a, 3), b = round(chosen.b, 6);
  const lad = fitWeightedLad(pairs, () => 1);
  const ols = fitOls(pairs);
  const diagonal = measured.keys.map((_, i) => measured.rttMs[i][i]).filter((v) => v !== null);

  const bands = [[0, 500], [500, 2000], [2000, 5000], [5000, 10000], [10000, 20100]].map(([lo, hi]) => {
    const s = pairs.filter((p) => p.km >= lo && p.km < hi);
    // R² within a narrow band says little, so bands report errors only.
    const { r2: _r2, ...errors } = errorStats(s, a, b);
    return { fromKm: lo, toKm: hi, ...errors };
  });
  const crossChina = pairs.filter((p) => CHINA_MAINLAND.test(p.a) !== CHINA_MAINLAND.test(p.b));
  const rest = pairs.filter((p) => CHINA_MAINLAND.test(p.a) === CHINA_MAINLAND.test(p.b));

  const fit = {
    model: "rttMs = max(interceptMs + msPerKm * km, floorMsPerKm * km); km = haversine great-circle, R = 6371 km",
    method: "minimum sum of absolute relative errors (L1 regression weighted by 1/measured) with msPerKm >= floorMsPerKm, on measured off-diagonal region pairs; both directions averaged when both were measured",
    source: "CB-Tumblebug assets/cloudlatencymap.csv (measured Nov 2022), Apache-2.0, The Cloud-Barista Authors",
    interceptMs: a,
    msPerKm: b,
    floorMsPerKm: FLOOR_MS_PER_KM,
    intraRegionMs: round(quantile(diagonal, 0.5), 2),
    intraRegionMeasuredN: diagonal.length,
    error: errorStats(pairs, a, b),
    asymmetry,
    byDistance: bands,
    chinaCrossBorder: errorStats(crossChina, a, b),
    excludingChinaCrossBorder: errorStats(rest, a, b),
    leastAbsoluteDeviations: { interceptMs: round(lad.a, 3), msPerKm: round(lad.b, 6), ...errorStats(pairs, lad.a, lad.b) },
    ordinaryLeastSquares: { interceptMs: round(ols.a, 3), msPerKm: round(ols.b, 6), ...errorStats(pairs, ols.a, ols.b) },
  };

  mkdirSync(join(outDir, "fixtures"), { recursive: true });
  // One row per line keeps the file diffable while staying compact.
  const rows = measured.rttMs.map((r) => JSON.stringify(r)).join(",\n");
  writeFileSync(join(outDir, "measured.json"), `{"keys":${JSON.stringify(measured.keys)},\n"rttMs":[\n${rows}\n]}\n`);
  writeFileSync(join(outDir, "fit.json"), JSON.stringify(fit, null, 2) + "\n");
  const measuredSet = new Set(measured.keys);
  const fixture = regions
    .filter((r) => r.enabled || measuredSet.has(r.key))
    .filter((r) => Number.isFinite(r.latitude) && Number.isFinite(r.longitude))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((r) => ({ key: r.key, latitude: r.latitude, longitude: r.longitude, enabled: r.enabled }));
  writeFileSync(join(outDir, "fixtures", "regions.json"), "[\n" + fixture.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");

  console.log(`measured: ${measured.keys.length} regions, ${pairs.length} region pairs with a value`);
  console.log(`fit: a = ${a} ms, b = ${b} ms/km (${(b / FLOOR_MS_PER_KM).toFixed(2)}x fibre floor)`);
  console.log("error:", fit.error);
  console.log("plain LAD for comparison:", fit.leastAbsoluteDeviations);
  console.log("OLS for comparison:", fit.ordinaryLeastSquares);
  console.log(`fixture: ${fixture.length} regions`);
  const examples = [
    ["aws-ap-northeast-2", "aws-ap-northeast-1"], ["aws-us-east-1", "aws-eu-west-1"], ["aws-us-east-1", "aws-us-west-2"],
    ["gcp-europe-west3", "azure-westeurope"], ["aws-ap-southeast-1", "aws-ap-southeast-2"], ["aws-sa-east-1", "aws-ap-northeast-1"],
    ["aws-ap-northeast-2", "tencent-ap-beijing"], ["azure-centralus", "gcp-us-central1"],
  ];
  for (const [x, y] of examples) {
    const p = pairs.find((q) => (q.a === x && q.b === y) || (q.a === y && q.b === x));
    if (p) console.log(`| ${x} ↔ ${y} | ${Math.round(p.km)} | ${p.y.toFixed(1)} | ${estimate(a, b, p.km).toFixed(1)} |`);
  }
}

main();
