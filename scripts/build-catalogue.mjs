#!/usr/bin/env node
/**
 * Builds Barista's cloud catalogue (lib/catalogue/data/*.json) from CB-Tumblebug's `assets/`
 * folder (cloudinfo.yaml, cloudspec*.csv, cloudimage.csv). Run by hand:
 *
 *   node scripts/build-catalogue.mjs <path-to-cb-tumblebug-assets-folder>
 *
 * The app never reads that folder at run time; it only imports the JSON written here.
 * Where every figure comes from is explained in lib/catalogue/README.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const KRW_TO_USD = 0.00074; // CB-Tumblebug's own constant (common.ConvertToBaseCurrency)
const round4 = (x) => Math.max(0.0001, Math.round(x * 1e4) / 1e4);

// ---------------------------------------------------------------- pricing model
// Regional price level relative to US East = 1.0, per country. Calibrated on AWS on-demand
// ratios of t3/m5 between us-east-1 and each country's region (e.g. Seoul ≈ 1.22,
// São Paulo ≈ 1.55); other providers follow the same geography closely enough for a simulator.
const COUNTRY_FACTOR = {
  US: 1.0, CA: 1.1, MX: 1.2, BR: 1.55, CL: 1.35,
  GB: 1.12, IE: 1.08, DE: 1.15, FR: 1.12, NL: 1.1, BE: 1.1, IT: 1.15, ES: 1.12, PL: 1.15,
  SE: 1.05, FI: 1.08, NO: 1.2, DK: 1.15, AT: 1.15, CH: 1.3,
  IL: 1.15, AE: 1.2, QA: 1.25, SA: 1.25, ZA: 1.3,
  IN: 1.08, KR: 1.22, JP: 1.28, TW: 1.18, HK: 1.35, CN: 0.85, SG: 1.25, MY: 1.2, ID: 1.22,
  TH: 1.2, PH: 1.2, AU: 1.27, NZ: 1.3,
};
// Countries with large GPU fleets; with >= 3 zones a region there is assumed to offer GPUs.
const GPU_HUBS = new Set(["US", "CA", "GB", "DE", "FR", "NL", "IE", "SE", "JP", "KR", "SG", "AU", "IN", "CN"]);

// Order matters: specific cities before the broad words that contain them ("Southeast Asia (Bangkok)").
const COUNTRY_RULES = [
  ["HK", /hong ?kong|\beast asia/i], ["TW", /taiwan|taipei/i], ["CN", /china/i],
  ["JP", /japan|tokyo|osaka/i], ["KR", /korea|seoul|pangyo|pyeongchon|gwangju|daejeon/i],
  ["TH", /thailand|bangkok/i], ["ID", /indonesia|jakarta/i], ["MY", /malaysia|kuala lumpur|johor/i],
  ["PH", /philippines|manila/i], ["SG", /singapore|southeast asia/i],
  ["IN", /india|mumbai|hyderabad|delhi|chennai/i], ["AU", /australia|sydney|melbourne/i],
  ["NZ", /new zealand|auckland/i], ["AE", /\buae\b|dubai/i], ["QA", /qatar|doha/i],
  ["SA", /saudi|riyadh|dammam/i], ["IL", /israel|tel aviv/i], ["ZA", /africa|cape town|johannesburg/i],
  ["BR", /brazil|sao paulo/i], ["CL", /chile|santiago/i], ["MX", /mexico|quer[eé]taro/i],
  ["CA", /canada|calgary|montreal|toronto/i], ["CH", /switzerland|zurich/i],
  ["GB", /\buk\b|london|england|united kingdom/i], ["IE", /ireland|north europe/i],
  ["DE", /germany|frankfurt|berlin/i], ["FR", /france|paris/i], ["NL", /netherlands|west europe|eemshaven/i],
  ["BE", /belgium|brussels|ghislain/i], ["IT", /italy|milan|turin|lombardy/i], ["ES", /spain|madrid/i],
  ["PL", /poland|warsaw/i], ["SE", /sweden|stockholm/i], ["FI", /finland|hamina/i], ["NO", /norway/i],
  ["DK", /denmark|copenhagen/i], ["AT", /austria|vienna/i],
  ["US", /\bUS\b|USA|Virginia|Ohio|California|Oregon|Iowa|Texas|Arizona|Silicon Valley|Carolina|Utah|Nevada|Washington/],
];

function countryOf(text) {
  for (const [code, re] of COUNTRY_RULES) if (re.test(text)) return code;
  return null;
}

// Where a CSV row with regionName 'all' is priced as quoted. The figures show these are home-
// market quotes, not global ones: AWS t3.micro 0.013 and m5.large 0.118 are Seoul prices,
// Azure B2s 0.0528 is not East US (0.0416), GCP g2-standard-4 0.71 is us-central1.
// Alibaba and Tencent are assumed to follow AWS (Seoul); NHN publishes one price for Korea.
const CSV_ALL_HOME = {
  aws: ["ap-northeast-2"], azure: ["koreacentral"], gcp: ["us-central1"], alibaba: ["ap-northeast-2"],
  tencent: ["ap-seoul"], ibm: ["us-south"], ncp: ["KR"], nhn: ["KR1", "KR2", "KR3"], kt: ["KR1"],
};

// Per-GPU memory variants (GiB), used to check or fill accelerator memory (stored as the total).
const GPU_MEMORY = { "NVIDIA T4": [16], "NVIDIA V100": [16, 32], "NVIDIA A100": [40, 80], "NVIDIA A10": [24],
  "NVIDIA A10G": [24], "NVIDIA L4": [24], "NVIDIA H100": [80] };
// Modelled hourly price of one GPU, for GPU sizes without a quoted or list price.
const GPU_HOURLY = { "NVIDIA T4": 0.55, "NVIDIA V100": 1.9, "NVIDIA A10": 1.0, "NVIDIA L4": 0.6 };

// ---------------------------------------------------------------- hand-written families
// Size tuples: [name, vcpu, memoryGiB, price|null, accelerator?]; accelerator = [model, count, totalGiB].
// price null = "take the CSV price". Each family: { p, f, ref, src, gpu?, sizes }, where ref is the
// region its list/model price is quoted for (its factor is the divisor when scaling to other regions).
const MULT = { nano: 0.25, micro: 0.5, small: 1, medium: 2, large: 1, xlarge: 2, "2xlarge": 4, "4xlarge": 8, "8xlarge": 16 };
/** AWS/Alibaba-style families whose sizes double from `.large`. */
const doubling = (prefix, suffixes, vcpuL, memL, priceL) =>
  suffixes.map((s) => [`${prefix}.${s}`, vcpuL * MULT[s], memL * MULT[s], priceL === null ? null : round4(priceL * MULT[s])]);
/** Families named by vCPU count, price linear in it. */
const byVcpu = (fmt, counts, memPerVcpu, pricePerVcpu) =>
  counts.map((n) => [fmt(n), n, memPerVcpu * n, pricePerVcpu === null ? null : round4(pricePerVcpu * n)]);
/** Families priced by a per-vCPU and per-GiB rate (modelled; see README). */
const rated = (list, a, b, k = 1) => list.map(([name, c, m, ...rest]) => {
  const acc = rest.find(Array.isArray);
  const gpu = acc ? GPU_HOURLY[acc[0]] * acc[1] : 0;
  return [name, c, m, round4((c * a + m * b) * k + gpu), ...(acc ? [acc] : [])];
});
const tSizes = (fam, names) => names.map((s) => [`${fam}.${s}`, { nano: 2, micro: 2, small: 2, medium: 2, large: 2, xlarge: 4, "2xlarge": 8 }[s],
  { nano: 0.5, micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 }[s], null]);

const FAMILIES = [
  // AWS: CSV ('all' = Seoul) where CB-Tumblebug quotes it; us-east-1 list prices otherwise.
  { p: "aws", f: "t3", sizes: tSizes("t3", ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"]) },
  { p: "aws", f: "t3a", sizes: tSizes("t3a", ["micro", "small", "medium", "large"]) },
  { p: "aws", f: "t2", sizes: [["t2.micro", 1, 1, null], ["t2.small", 1, 2, null], ["t2.medium", 2, 4, null]] },
  { p: "aws", f: "m5", sizes: doubling("m5", ["large", "xlarge", "2xlarge", "4xlarge"], 2, 8, null) },
  { p: "aws", f: "c5", sizes: doubling("c5", ["large", "xlarge", "2xlarge"], 2, 4, null) },
  { p: "aws", f: "r5", sizes: doubling("r5", ["large", "xlarge", "2xlarge"], 2, 16, null) },
  { p: "aws", f: "m6i", ref: "us-east-1", src: "l", sizes: doubling("m6i", ["large", "xlarge", "2xlarge", "4xlarge"], 2, 8, 0.096) },
  { p: "aws", f: "c6i", ref: "us-east-1", src: "l", sizes: doubling("c6i", ["large", "xlarge", "2xlarge"], 2, 4, 0.085) },
  { p: "aws", f: "r6i", ref: "us-east-1", src: "l", sizes: doubling("r6i", ["large", "xlarge", "2xlarge"], 2, 16, 0.126) },
  { p: "aws", f: "g4dn", gpu: true, sizes: [["g4dn.xlarge", 4, 16, null, ["NVIDIA T4", 1, 16]],
    ["g4dn.2xlarge", 8, 32, null, ["NVIDIA T4", 1, 16]], ["g4dn.4xlarge", 16, 64, null, ["NVIDIA T4", 1, 16]]] },
  { p: "aws", f: "g5", gpu: true, sizes: [["g5.xlarge", 4, 16, null, ["NVIDIA A10G", 1, 24]], ["g5.12xlarge", 48, 192, null, ["NVIDIA A10G", 4, 96]]] },
  { p: "aws", f: "p3", gpu: true, sizes: [["p3.2xlarge", 8, 61, null, ["NVIDIA V100", 1, 16]], ["p3.8xlarge", 32, 244, null, ["NVIDIA V100", 4, 64]]] },

  // Azure: B-series from the CSV; East US list prices otherwise.
  { p: "azure", f: "Bs", sizes: [["Standard_B1s", 1, 1, null], ["Standard_B1ms", 1, 2, null], ["Standard_B2s", 2, 4, null],
    ["Standard_B2ms", 2, 8, null], ["Standard_B4ms", 4, 16, null], ["Standard_B8ms", 8, 32, null]] },
  { p: "azure", f: "Dsv5", ref: "eastus", src: "l", sizes: byVcpu((n) => `Standard_D${n}s_v5`, [2, 4, 8, 16, 32], 4, 0.048) },
  { p: "azure", f: "Dasv5", ref: "eastus", src: "l", sizes: byVcpu((n) => `Standard_D${n}as_v5`, [2, 4, 8], 4, 0.043) },
  { p: "azure", f: "Esv5", ref: "eastus", src: "l", sizes: byVcpu((n) => `Standard_E${n}s_v5`, [2, 4, 8, 16], 8, 0.063) },
  { p: "azure", f: "Fsv2", ref: "eastus", src: "l", sizes: byVcpu((n) => `Standard_F${n}s_v2`, [2, 4, 8, 16], 2, 0.0423) },
  { p: "azure", f: "NCasT4_v3", ref: "eastus", src: "l", gpu: true, sizes: [["Standard_NC4as_T4_v3", 4, 28, 0.526, ["NVIDIA T4", 1, 16]],
    ["Standard_NC8as_T4_v3", 8, 56, 0.752, ["NVIDIA T4", 1, 16]], ["Standard_NC16as_T4_v3", 16, 110, 1.204, ["NVIDIA T4", 1, 16]],
    ["Standard_NC64as_T4_v3", 64, 440, 4.352, ["NVIDIA T4", 4, 64]]] },
  { p: "azure", f: "NCv3", ref: "eastus", src: "l", gpu: true, sizes: [["Standard_NC6s_v3", 6, 112, 3.06, ["NVIDIA V100", 1, 16]]] },
  { p: "azure", f: "NCads_A100_v4", ref: "eastus", src: "l", gpu: true, sizes: [["Standard_NC24ads_A100_v4", 24, 220, 3.673, ["NVIDIA A100", 1, 80]]] },
  { p: "azure", f: "NVads_A10_v5", gpu: true, sizes: [["Standard_NV36ads_A10_v5", 36, 440, null, ["NVIDIA A10", 1, 24]]] },

  // GCP: us-central1 list prices; the CSV's per-region e2/g1/n2 quotes override them where present.
  { p: "gcp", f: "e2", ref: "us-central1", src: "l", sizes: [["e2-micro", 2, 1, 0.0084], ["e2-small", 2, 2, 0.0168], ["e2-medium", 2, 4, 0.0335],
    ...byVcpu((n) => `e2-standard-${n}`, [2, 4, 8, 16], 4, 0.0335), ["e2-highmem-2", 2, 16, 0.0904], ["e2-highmem-4", 4, 32, 0.1808],
    ["e2-highcpu-2", 2, 2, 0.0495], ["e2-highcpu-4", 4, 4, 0.0989]] },
  { p: "gcp", f: "g1", ref: "us-central1", src: "l", sizes: [["g1-small", 1, 1.7, 0.0257]] },
  { p: "gcp", f: "n1", ref: "us-central1", src: "l", sizes: [["n1-standard-1", 1, 3.75, 0.0475], ["n1-standard-2", 2, 7.5, 0.095],
    ["n1-standard-4", 4, 15, 0.19], ["n1-standard-8", 8, 30, 0.38]] },
  { p: "gcp", f: "n2", ref: "us-central1", src: "l", sizes: [...byVcpu((n) => `n2-standard-${n}`, [2, 4, 8, 16], 4, 0.048559),
    ["n2-highmem-2", 2, 16, 0.131], ["n2-highcpu-2", 2, 2, 0.0717]] },
  { p: "gcp", f: "n2d", ref: "us-central1", src: "l", sizes: byVcpu((n) => `n2d-standard-${n}`, [2, 4, 8], 4, 0.042246) },
  { p: "gcp", f: "c2", ref: "us-central1", src: "l", sizes: byVcpu((n) => `c2-standard-${n}`, [4, 8, 16], 4, 0.0522) },
  { p: "gcp", f: "c3", ref: "us-central1", src: "l", sizes: byVcpu((n) => `c3-standard-${n}`, [4, 8, 22], 4, 0.050402) },
  { p: "gcp", f: "g2", gpu: true, sizes: [["g2-standard-4", 4, 16, null, ["NVIDIA L4", 1, 24]], ["g2-standard-8", 8, 32, null, ["NVIDIA L4", 1, 24]]] },
  { p: "gcp", f: "a2", gpu: true, sizes: [["a2-highgpu-1g", 12, 85, null, ["NVIDIA A100", 1, 40]], ["a2-ultragpu-1g", 12, 170, null, ["NVIDIA A100", 1, 80]]] },

  // Alibaba: g7/g7a/g6 priced from the CSV's Singapore quotes; c7/r7/t6 modelled from the same rate.
  { p: "alibaba", f: "g7", ref: "ap-southeast-1", sizes: doubling("ecs.g7", ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], 2, 8, null) },
  { p: "alibaba", f: "g7a", ref: "ap-southeast-1", sizes: doubling("ecs.g7a", ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], 2, 8, null) },
  { p: "alibaba", f: "g6", ref: "ap-southeast-1", sizes: doubling("ecs.g6", ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"], 2, 8, null) },
  { p: "alibaba", f: "c7", ref: "ap-southeast-1", src: "m", sizes: rated(doubling("ecs.c7", ["large", "xlarge", "2xlarge", "4xlarge"], 2, 4, 0), 0.04, 0.0035) },
  { p: "alibaba", f: "r7", ref: "ap-southeast-1", src: "m", sizes: rated(doubling("ecs.r7", ["large", "xlarge", "2xlarge", "4xlarge"], 2, 16, 0), 0.04, 0.0035) },
  { p: "alibaba", f: "t6", ref: "ap-southeast-1", src: "m", sizes: rated([["ecs.t6-c1m1.large", 2, 2], ["ecs.t6-c1m2.large", 2, 4],
    ["ecs.t6-c1m4.large", 2, 8], ["ecs.t6-c1m4.xlarge", 4, 16]], 0.04, 0.0035, 0.25) },
  { p: "alibaba", f: "gn6i", gpu: true, sizes: [["ecs.gn6i-c4g1.xlarge", 4, 15, null, ["NVIDIA T4", 1, 16]]] },
  { p: "alibaba", f: "gn7i", gpu: true, sizes: [["ecs.gn7i-c8g1.2xlarge", 8, 30, null, ["NVIDIA A10", 1, 24]],
    ["ecs.gn7i-c16g1.4xlarge", 16, 60, null, ["NVIDIA A10", 1, 24]]] },
  { p: "alibaba", f: "gn6v", gpu: true, sizes: [["ecs.gn6v-c8g1.2xlarge", 8, 32, null, ["NVIDIA V100", 1, 16]]] },

  // Tencent: the name's trailing number is memory GiB (S5.LARGE8 = 4 vCPU, 8 GiB). One CSV anchor
  // (S5.MEDIUM4 0.03 in Seoul) fixes the rate 0.0095/vCPU + 0.0028/GiB that models the rest.
  { p: "tencent", f: "S5", sizes: [["S5.MEDIUM4", 2, 4, null]] },
  { p: "tencent", f: "S5", ref: "ap-seoul", src: "m", sizes: rated([["S5.SMALL1", 1, 1], ["S5.SMALL2", 1, 2], ["S5.MEDIUM8", 2, 8],
    ["S5.LARGE8", 4, 8], ["S5.LARGE16", 4, 16], ["S5.2XLARGE16", 8, 16], ["S5.2XLARGE32", 8, 32], ["S5.4XLARGE32", 16, 32]], 0.0095, 0.0028) },
  { p: "tencent", f: "SA3", ref: "ap-seoul", src: "m", sizes: rated([["SA3.MEDIUM4", 2, 4], ["SA3.LARGE8", 4, 8],
    ["SA3.2XLARGE16", 8, 16], ["SA3.4XLARGE32", 16, 32]], 0.0095, 0.0028, 0.9) },
  { p: "tencent", f: "M5", ref: "ap-seoul", src: "m", sizes: rated([["M5.MEDIUM16", 2, 16], ["M5.LARGE32", 4, 32], ["M5.2XLARGE64", 8, 64]], 0.0095, 0.0028) },
  { p: "tencent", f: "C6", ref: "ap-seoul", src: "m", sizes: rated([["C6.LARGE8", 4, 8], ["C6.2XLARGE16", 8, 16], ["C6.4XLARGE32", 16, 32]], 0.0095, 0.0028, 1.2) },
  { p: "tencent", f: "GN7", ref: "ap-seoul", src: "m", gpu: true, sizes: rated([["GN7.2XLARGE32", 8, 32, ["NVIDIA T4", 1, 16]],
    ["GN7.5XLARGE80", 20, 80, ["NVIDIA T4", 1, 16]], ["GN7.10XLARGE160", 40, 160, ["NVIDIA T4", 2, 32]]], 0.0095, 0.0028) },
  { p: "tencent", f: "GN10Xp", ref: "ap-seoul", src: "m", gpu: true, sizes: rated([["GN10Xp.2XLARGE40", 10, 40, ["NVIDIA V100", 1, 32]]], 0.0095, 0.0028) },
  { p: "tencent", f: "PNV4", gpu: true, sizes: [["PNV4.7XLARGE116", 28, 116, null, ["NVIDIA A10", 1, 24]]] },

  // IBM VPC: the profile name is <family>-<vcpu>x<GiB>. bx2 is the us-south list price the CSV
  // also quotes ($0.048/vCPU); the other families are modelled at 0.034/vCPU + 0.0035/GiB.
  { p: "ibm", f: "bx2", ref: "us-south", src: "l", sizes: byVcpu((n) => `bx2-${n}x${4 * n}`, [2, 4, 8, 16, 32, 48], 4, 0.048) },
  { p: "ibm", f: "cx2", ref: "us-south", src: "m", sizes: rated(byVcpu((n) => `cx2-${n}x${2 * n}`, [2, 4, 8, 16, 32], 2, 0), 0.034, 0.0035) },
  { p: "ibm", f: "mx2", ref: "us-south", src: "m", sizes: rated(byVcpu((n) => `mx2-${n}x${8 * n}`, [2, 4, 8, 16], 8, 0), 0.034, 0.0035) },
  { p: "ibm", f: "vx2d", ref: "us-south", src: "m", sizes: rated([["vx2d-2x28", 2, 28], ["vx2d-4x56", 4, 56]], 0.034, 0.0035) },
  { p: "ibm", f: "ux2d", ref: "us-south", src: "m", sizes: rated([["ux2d-2x56", 2, 56]], 0.034, 0.0035) },
  { p: "ibm", f: "gx2", ref: "us-south", src: "m", gpu: true, sizes: rated([["gx2-8x64x1v100", 8, 64, ["NVIDIA V100", 1, 16]],
    ["gx2-16x128x2v100", 16, 128, ["NVIDIA V100", 2, 32]]], 0.034, 0.0035) },
  { p: "ibm", f: "gx3", ref: "us-south", src: "m", gpu: true, sizes: rated([["gx3-16x80x1l4", 16, 80, ["NVIDIA L4", 1, 24]]], 0.034, 0.0035) },
];

// ---------------------------------------------------------------- CSV-named providers
// NCP, NHN and KT are catalogued straight from the CSV; their names encode the size.
const NCP_MEM_PER_VCPU = { s: 4, c: 2, m: 8, ci: 2 }; // Standard, High-CPU, High-Memory, CPU-Intensive (NCP g3 guide)
function sizeFromName(provider, name) {
  let m;
  if (provider === "ncp" && (m = /^(s|c|m|ci)(\d+)-g3(a?)$/.exec(name))) {
    return { f: `${m[1]}-g3${m[3]}`, vcpu: +m[2], mem: +m[2] * NCP_MEM_PER_VCPU[m[1]] };
  }
  if (provider === "ncp" && name === "mi1-g3") return { f: "mi-g3", vcpu: 1, mem: 1 }; // Micro: 1 vCPU, 1 GiB
  if (provider === "nhn" && (m = /^(?:(\w+)\.)?(?:(\w+)\.)?c(\d+)m(\d+)$/.exec(name))) {
    return { f: [m[1], m[2]].filter(Boolean).join(".") || "nhn", vcpu: +m[3], mem: +m[4] }; // c<vCPU>m<GiB>
  }
  if (provider === "kt" && (m = /^(\d+)x(\d+)\.itl(\.[a-z0-9]+-\d+)?$/.exec(name))) {
    return { f: m[3] ? "itl-gpu" : "itl", vcpu: +m[1], mem: +m[2] }; // <vCPU>x<GiB>.itl
  }
  return null;
}

// ---------------------------------------------------------------- readers
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((c) => c !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? "").trim()])));
}

const PROVIDER_ALIAS = { ncpvpc: "ncp", nhncloud: "nhn", ktcloudvpc: "kt" };
const normProvider = (s) => PROVIDER_ALIAS[s.toLowerCase()] ?? s.toLowerCase();

function readAssets(dir) {
  const need = (f) => {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) throw new Error(`${p} not found: pass CB-Tumblebug's assets/ folder`);
    return fs.readFileSync(p, "utf8");
  };
  const info = yaml.load(need("cloudinfo.yaml"));
  // The current cloudspec.csv wins; older snapshots (cloudspec_<date>_<sha>.csv) only fill gaps.
  const older = fs.readdirSync(dir).filter((f) => /^cloudspec_.+\.csv$/.test(f)).sort().reverse();
  const specCsvs = [need("cloudspec.csv"), ...older.map((f) => need(f))].map(parseCsv);
  return { info, specCsvs, images: parseCsv(need("cloudimage.csv")) };
}

// ---------------------------------------------------------------- build
// CB-Tumblebug's cloudinfo.yaml also shows how to register a private OpenStack: one lab install
// ("Korea Daejeon (Internal)") and a template ("Example of OpenStack-based CSP", "virtual
// region"). Nobody can rent a VM there, so a provider whose every region reads like that is
// not a cloud and stays out of the catalogue (and out of every legend and region count).
const EXAMPLE_REGION = /\bexample\b|\(internal\)|virtual region/i;

/** True when every region of a cloudinfo.yaml provider is one of Tumblebug's examples. */
function isExampleProvider(id, cloud) {
  const texts = Object.values(cloud.region ?? {}).map((r) => `${r.description ?? ""} ${r.location?.display ?? ""}`);
  return EXAMPLE_REGION.test(cloud.description ?? id) || (texts.length > 0 && texts.every((t) => EXAMPLE_REGION.test(t)));
}

function buildRegions(info) {
  const providers = [], regions = [], country = {}, examples = [];
  for (const [id, cloud] of Object.entries(info.cloud)) {
    if (isExampleProvider(id, cloud)) {
      examples.push(id);
      continue;
    }
    providers.push({ id, name: cloud.description ?? id });
    for (const [code, r] of Object.entries(cloud.region ?? {})) {
      const display = r.location?.display ?? r.description ?? code;
      const name = display === display.toLowerCase() ? display.replace(/\b\w/g, (c) => c.toUpperCase()) : display;
      const c = countryOf(`${display} ${r.description ?? ""}`);
      if (!c) throw new Error(`No price country for ${id}/${code} (${display}); add a COUNTRY_RULES entry`);
      const lat = Number(r.location?.latitude), lon = Number(r.location?.longitude);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`${id}/${code} has no coordinates`);
      // Azure regions without availability zones list none; they still place VMs regionally.
      const zones = (r.zone ?? []).map(String);
      country[`${id}-${code}`] = c;
      regions.push({ key: `${id}-${code}`, provider: id, region: code, name, latitude: lat, longitude: lon,
        zones: zones.length ? zones : [code] });
    }
  }
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  providers.sort((a, b) => cmp(a.id, b.id));
  regions.sort((a, b) => cmp(a.provider, b.provider) || cmp(a.region, b.region));
  return { providers, regions, country, examples };
}

function priceOf(row) {
  const v = Number(row.costPerHour);
  if (!Number.isFinite(v) || v <= 0) return null;
  return row.currency?.toUpperCase() === "KRW" ? v * KRW_TO_USD : v;
}

function buildSpecs(regions, country, specCsvs) {
  const regionCode = new Map(regions.map((r) => [`${r.provider}|${r.region.toLowerCase()}`, r.region]));
  const quotes = {}; // regionKey -> name -> USD
  const allPrices = {}; // provider -> name -> USD ('all' rows)
  const csvRows = [];
  for (const [fileIndex, rows] of specCsvs.entries()) for (const row of rows) {
    const p = normProvider(row.providerName), usd = priceOf(row), name = row.cspSpecName;
    if (usd === null || !/vm/.test(row.infraType || "vm")) continue;
    if (row.regionName.toLowerCase() === "all") {
      allPrices[p] ??= {};
      allPrices[p][name] ??= usd;
    } else {
      const code = regionCode.get(`${p}|${row.regionName.toLowerCase()}`);
      if (!code) continue; // a disabled region, or one the catalogue does not list
      quotes[`${p}-${code}`] ??= {};
      quotes[`${p}-${code}`][name] ??= usd;
    }
    // Only the current file decides which CSV-named specs exist; older snapshots hold retired names.
    if (fileIndex === 0) csvRows.push({ p, name, row });
  }
  const csvAll = (p, name) => allPrices[p]?.[name] ?? allPrices[p]?.[name.replace(/^Standard_/, "")];

  const families = FAMILIES.map((fam) => ({ ...fam, sizes: fam.sizes.map((s) => [...s]) }));
  // NCP/NHN/KT families come from the CSV rows themselves.
  const seen = new Set();
  for (const { p, name, row } of csvRows) {
    if (!["ncp", "nhn", "kt"].includes(p) || seen.has(`${p}|${name}`)) continue;
    seen.add(`${p}|${name}`);
    const size = sizeFromName(p, name);
    if (!size) throw new Error(`Cannot infer vCPU/memory from ${p} spec name ${name}`);
    let acc;
    if (row.acceleratorModel) {
      const count = Number(row.acceleratorCount) || 1, given = Number(row.acceleratorMemoryGB);
      const variants = GPU_MEMORY[row.acceleratorModel] ?? [];
      // NHN's T4 rows give 32 GiB per T4, which has 16: keep a figure only if it matches a real variant.
      const mem = variants.includes(given / count) ? given : variants.length ? variants[0] * count : given || null;
      acc = [row.acceleratorModel, count, mem];
    }
    let fam = families.find((f) => f.p === p && f.f === size.f);
    if (!fam) families.push(fam = { p, f: size.f, gpu: !!acc, sizes: [] });
    fam.sizes.push([name, size.vcpu, size.mem, null, ...(acc ? [acc] : [])]);
  }

  // Resolve each size to (price, source, anchor regions); group by anchor so one family line
  // holds sizes priced in the same place.
  const out = [];
  for (const fam of families) {
    const groups = new Map();
    for (const [name, vcpu, mem, listPrice, acc] of fam.sizes) {
      let price = null, src = null, at = null;
      const all = csvAll(fam.p, name);
      const atRef = fam.ref && quotes[`${fam.p}-${fam.ref}`]?.[name];
      if (all !== undefined) [price, src, at] = [all, "t", CSV_ALL_HOME[fam.p]];
      else if (listPrice !== null) [price, src, at] = [listPrice, fam.src, [fam.ref]];
      else if (atRef !== undefined && atRef) [price, src, at] = [atRef, "t", [fam.ref]];
      // else: offered only where a region-specific quote exists (NCP, KT).
      if (at && !regions.some((r) => r.provider === fam.p && at.includes(r.region))) {
        throw new Error(`${fam.p} ${name}: anchor region ${at} is not an enabled region`);
      }
      const k = at ? at.join(",") : "";
      if (!groups.has(k)) groups.set(k, { p: fam.p, f: fam.f, gpu: fam.gpu ? 1 : 0, at: at ?? [], s: [] });
      groups.get(k).s.push([name, vcpu, mem, price === null ? null : round4(price), src ?? "t", ...(acc ? [acc] : [])]);
    }
    out.push(...groups.values());
  }

  // GPU rule: where a GPU price applies as quoted, plus multi-zone regions in GPU-hub countries.
  const gpuNames = new Set(out.filter((f) => f.gpu).flatMap((f) => f.s.map((s) => `${f.p}|${s[0]}`)));
  const gpuRegions = regions.filter((r) => {
    const anchored = out.some((f) => f.gpu && f.p === r.provider && f.at.includes(r.region));
    const quoted = Object.keys(quotes[r.key] ?? {}).some((n) => gpuNames.has(`${r.provider}|${n}`));
    const hub = r.zones.length >= 3 && GPU_HUBS.has(country[r.key]);
    return anchored || quoted || (hub && out.some((f) => f.gpu && f.p === r.provider));
  }).map((r) => r.key);

  // Keep only quotes that name a catalogued spec, rounded.
  const known = new Set(out.flatMap((f) => f.s.map((s) => `${f.p}|${s[0]}`)));
  const keptQuotes = {};
  for (const r of regions) {
    const q = Object.entries(quotes[r.key] ?? {}).filter(([n]) => known.has(`${r.provider}|${n}`));
    if (q.length) keptQuotes[r.key] = Object.fromEntries(q.map(([n, v]) => [n, round4(v)]));
  }
  const factors = Object.fromEntries(regions.map((r) => [r.key, COUNTRY_FACTOR[country[r.key]]]));
  return { factors, gpuRegions, families: out, quotes: keptQuotes };
}

const DEFAULT_IMAGES = {
  aws: ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240701", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image"],
  gcp: ["projects/ubuntu-os-cloud/global/images/ubuntu-2204-jammy-v20240701", "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image"],
  alibaba: ["ubuntu_22_04_x64_20G_alibase_20240628.vhd", "Ubuntu 22.04 64 bit"],
  tencent: ["img-487zeit5", "Ubuntu Server 22.04 LTS 64bit"],
  ibm: ["ibm-ubuntu-22-04-4-minimal-amd64-1", "Ubuntu Linux 22.04 LTS Jammy Jellyfish Minimal Install (amd64)"],
  ncp: ["ubuntu-22.04-base", "Ubuntu Server 22.04 (g3 server image)"],
  nhn: ["Ubuntu Server 22.04.4 LTS (2024.06.18)", "Ubuntu Server 22.04.4 LTS"],
  kt: ["Ubuntu-22.04-64bit", "Ubuntu 22.04 64bit template"],
};
const AZURE_DEFAULT = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:22.04.202602250";

function buildImages(providers, rows) {
  const byProvider = Object.fromEntries(providers.map((p) => [p.id, []]));
  // k8s-only rows are managed-Kubernetes node image *types* (EKS amiType, GKE imageType),
  // not images a VM can boot from, so only rows whose infraType includes vm are kept.
  for (const row of rows) {
    const p = normProvider(row.providerName);
    if (!byProvider[p] || !/\bvm\b/.test(row.infraType)) continue;
    const text = `${row.osType} ${row.description} ${row.osArchitecture} ${row.cspImageName}`;
    const img = { provider: p, id: row.cspImageName, name: `${row.osType} ${row.description}`.trim(),
      os: row.osType.replace(/\s*\(ARM64\)/i, "").trim(), architecture: /arm64|aarch64/i.test(text) ? "arm64" : "x86_64",
      description: row.description, isDefault: p === "azure" && row.cspImageName === AZURE_DEFAULT };
    if (row.regionName && row.regionName.toLowerCase() !== "all") img.regions = [row.regionName];
    byProvider[p].push(img);
  }
  for (const [p, list] of Object.entries(byProvider)) {
    if (!list.some((i) => i.isDefault)) {
      const [id, description] = DEFAULT_IMAGES[p] ?? [];
      if (!id) throw new Error(`No default image for provider ${p}`);
      list.unshift({ provider: p, id, name: "Ubuntu 22.04 LTS", os: "Ubuntu 22.04", architecture: "x86_64", description, isDefault: true });
    }
    list.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  }
  return Object.values(byProvider).flat();
}

// One entry per line: diffable, yet a fraction of pretty-printed size.
function writeJson(file, obj) {
  const lines = Object.entries(obj).map(([k, v]) => {
    const body = Array.isArray(v) ? `[\n${v.map((x) => JSON.stringify(x)).join(",\n")}\n]`
      : typeof v === "object" ? `{\n${Object.entries(v).map(([kk, vv]) => `${JSON.stringify(kk)}:${JSON.stringify(vv)}`).join(",\n")}\n}`
        : JSON.stringify(v);
    return `${JSON.stringify(k)}:${body}`;
  });
  fs.writeFileSync(file, `{\n${lines.join(",\n")}\n}\n`);
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/build-catalogue.mjs <path-to-cb-tumblebug-assets-folder>");
    process.exit(2);
  }
  const { info, specCsvs, images } = readAssets(path.resolve(dir));
  const { providers, regions, country, examples } = buildRegions(info);
  const specs = buildSpecs(regions, country, specCsvs);
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "lib", "catalogue", "data");
  fs.mkdirSync(outDir, { recursive: true });
  writeJson(path.join(outDir, "regions.json"), { source: "CB-Tumblebug assets/cloudinfo.yaml (Apache-2.0)", providers, regions });
  writeJson(path.join(outDir, "specs.json"), { source: "CB-Tumblebug assets/cloudspec*.csv (Apache-2.0) + Barista list/model prices", ...specs });
  writeJson(path.join(outDir, "images.json"), { source: "CB-Tumblebug assets/cloudimage.csv (Apache-2.0) + Barista defaults", images: buildImages(providers, images) });
  console.log(`${providers.length} providers, ${regions.length} regions, ${specs.families.length} family lines, ` +
    `${specs.gpuRegions.length} GPU regions, ${Object.keys(specs.quotes).length} regions with quotes -> ${outDir}` +
    `\nleft out as examples, not clouds: ${examples.join(", ") || "none"}`);
}

main();
