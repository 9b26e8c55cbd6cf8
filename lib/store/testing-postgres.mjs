// @ts-check
// The vitest project `postgresql` runs the store, reconciler and monitoring suites on PostgreSQL:
// this global setup starts one throw-away cluster for the run and migrates a template database,
// which every test's database is copied from (see testing.ts).
import pg from "pg";
import { migratePostgres } from "./migrate-postgres.mjs";
import { startPostgresCluster } from "./postgres-cluster.mjs";

/** Set for the test workers: the URL of the cluster's `postgres` database. */
export const TEST_POSTGRES_ENV = "BARISTA_TEST_POSTGRES_URL";
export const TEST_TEMPLATE = "barista_template";

export default async function setup() {
  const cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEST_TEMPLATE}`);
  await admin.end();
  await migratePostgres(cluster.urlOf(TEST_TEMPLATE));
  process.env[TEST_POSTGRES_ENV] = cluster.url;
  return () => cluster.stop();
}
