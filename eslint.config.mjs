import next from "eslint-config-next";

const frameworkImports = {
  patterns: [
    { group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"], message: "lib/core and lib/placement stay framework-free (DESIGN.md rule 2)." },
    { group: ["@prisma/*", "**/generated/prisma*", "better-sqlite3"], message: "Only lib/store talks to the database (DESIGN.md rule 2)." },
    { group: ["@aws-sdk/*", "@google-cloud/*", "@azure/*"], message: "Cloud SDKs belong in lib/drivers (DESIGN.md rule 2)." },
    { group: ["@/lib/store", "@/lib/store/*", "@/lib/drivers", "@/lib/drivers/*", "@/app/*", "@/components/*"], message: "The pure core reaches storage and drivers through interfaces (DESIGN.md rule 2)." },
  ],
};

// Order matters: the stricter rule for the pure core comes last so it wins for those files.
const config = [
  ...next,
  { ignores: [".next/**", "node_modules/**", "lib/store/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/store/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@prisma/*", "**/generated/prisma*"], message: "Only lib/store imports the Prisma client." }] },
      ],
    },
  },
  {
    files: ["lib/core/**/*.ts", "lib/placement/**/*.ts"],
    rules: { "no-restricted-imports": ["error", frameworkImports] },
  },
];

export default config;
