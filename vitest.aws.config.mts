import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// `npm run check:aws`: the driver contract against a real AWS account. It makes a VPC, a security
// group, a key pair and one small instance (the region's first catalogue spec, about a cent), and
// deletes them all. Never part of `npm test`.
const missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter((k) => !process.env[k]);
if (missing.length) {
  console.error(
    `check:aws needs AWS credentials in the environment; ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.\n` +
      "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), optionally AWS_REGION (default us-east-1), then run it again:\n" +
      "  AWS_ACCESS_KEY_ID=AKIA… AWS_SECRET_ACCESS_KEY=… AWS_REGION=us-east-1 npm run check:aws",
  );
  process.exit(2);
}

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/drivers/aws/aws-live.check.ts"],
    environment: "node",
    // Real instances take minutes to boot, stop and terminate.
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
