import next from "eslint-config-next";

const prismaOnlyInStore = { group: ["@prisma/*", "**/generated/prisma*"], message: "Only lib/store imports the Prisma client." };

const edgesOnly = {
  group: ["@/lib/http", "@/lib/http/*", "@/lib/server/runtime", "./runtime"],
  message:
    "lib/ throws the typed errors of lib/core/errors.ts (lib/http maps them to statuses) and receives its dependencies as arguments; runtime() is called only at the edges: route handlers, server actions, pages, start-up.",
};

const driversBelowMonitoring = {
  group: ["@/lib/monitoring", "@/lib/monitoring/*"],
  message: "Monitoring uses the drivers, never the reverse: metric names live in lib/core/metrics.ts, the simulator's metric model in lib/drivers/sim.",
};

const frameworkImports = [
  { group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"], message: "lib/core and lib/placement stay framework-free (DESIGN.md rule 2)." },
  { group: ["@prisma/*", "**/generated/prisma*", "better-sqlite3"], message: "Only lib/store talks to the database (DESIGN.md rule 2)." },
  { group: ["@aws-sdk/*", "@google-cloud/*", "@azure/*"], message: "Cloud SDKs belong in lib/drivers (DESIGN.md rule 2)." },
  { group: ["@/lib/store", "@/lib/store/*", "@/lib/drivers", "@/lib/drivers/*", "@/app/*", "@/components/*"], message: "The pure core reaches storage and drivers through interfaces (DESIGN.md rule 2)." },
  edgesOnly,
];

// The console (components/, app/) reaches lib/ through each feature's public entry: the shared
// vocabulary of lib/core and the schemas of lib/validation file by file, everything else by its
// index, so a feature's insides (the store, the drivers, the reconciler) can change freely.
const publicEntriesOnly = [
  prismaOnlyInStore,
  { group: ["@/lib/store", "@/lib/store/*", "@/lib/drivers", "@/lib/drivers/*"], message: "The console reaches storage and drivers only through lib/server and the feature entries." },
  {
    group: ["@/lib/http/*", "@/lib/server/*", "@/lib/provisioning/*", "@/lib/monitoring/*", "@/lib/placement/*", "@/lib/catalogue/*"],
    message: "Import a feature through its public entry (@/lib/provisioning, not @/lib/provisioning/mci); lib/core/* and lib/validation/* are public file by file.",
  },
];

const vaultFrameworkFree = {
  group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"],
  message: "lib/secrets is Node's crypto and the store only: nothing of the vault may reach a browser bundle.",
};

const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

// A later block replaces an earlier one's no-restricted-imports for the files it matches, so each
// block lists every pattern its files obey; the stricter blocks come last.
const config = [
  ...next,
  { ignores: [".next/**", "node_modules/**", "lib/store/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  { files: ["lib/**/*.ts"], rules: restrict(prismaOnlyInStore, edgesOnly) },
  { files: ["lib/store/**/*.ts"], rules: restrict(edgesOnly) },
  // The edges themselves, and tests, which may drive a handler through lib/http to check its status.
  { files: ["lib/http/**/*.ts", "lib/server/startup.ts", "lib/server/index.ts", "lib/**/*.test.ts"], rules: restrict(prismaOnlyInStore) },
  { files: ["lib/store/**/*.test.ts"], rules: { "no-restricted-imports": "off" } },
  { files: ["lib/drivers/**/*.ts"], rules: restrict(prismaOnlyInStore, edgesOnly, driversBelowMonitoring) },
  // The vault is Node's crypto and the store's repository: no framework, so nothing of it is ever bundled for the browser.
  { files: ["lib/secrets/**/*.{ts,mjs}"], ignores: ["**/*.test.ts"], rules: restrict(prismaOnlyInStore, edgesOnly, vaultFrameworkFree) },
  { files: ["lib/core/**/*.ts", "lib/placement/**/*.ts"], rules: restrict(...frameworkImports) },
  { files: ["components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"], rules: restrict(...publicEntriesOnly) },
];

export default config;
