import { expect, test, type APIRequestContext } from "@playwright/test";

type Provider = { id: string; name: string; regionCount: number };
type Region = { key: string; provider: string; region: string; name: string; latitude: number; longitude: number; zones: string[]; connections: string[] };
type ErrorBody = { error: string; code?: string; issues?: { path: string; message: string }[] };

async function getJson<T>(request: APIRequestContext, url: string, status = 200): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), `${url} answered ${res.status()}: ${await res.text()}`).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  return (await res.json()) as T;
}

test("health answers ok with every check ok: the database reads, the reconciler and the collector turn", async ({ request }) => {
  type Check = { ok: boolean; state: string; message: string };
  const health = await getJson<{ status: string; checks: Record<"database" | "reconciler" | "collector", Check> }>(request, "/api/v1/health");
  expect(health.status).toBe("ok");
  expect(Object.keys(health.checks).sort()).toEqual(["collector", "database", "reconciler"]);
  for (const [name, check] of Object.entries(health.checks)) expect(check.ok, `${name}: ${check.message}`).toBe(true);
  expect(health.checks.database.state).toBe("ok");
  expect(health.checks.reconciler.state).toBe("ok");
});

test("regions: every region of every provider, with coordinates and zones, filterable by provider", async ({ request }) => {
  const providers = await getJson<Provider[]>(request, "/api/v1/providers");
  const regions = await getJson<Region[]>(request, "/api/v1/regions");
  // The catalogue holds CB-Tumblebug's 194 public regions over 9 providers.
  expect(regions.length).toBeGreaterThanOrEqual(190);
  expect(regions.length).toBe(providers.reduce((n, p) => n + p.regionCount, 0));
  expect(new Set(regions.map((r) => r.key)).size).toBe(regions.length);
  for (const r of regions) {
    expect(r.key).toBe(`${r.provider}-${r.region}`);
    expect(typeof r.name).toBe("string");
    expect(r.latitude).toBeGreaterThanOrEqual(-90);
    expect(r.latitude).toBeLessThanOrEqual(90);
    expect(r.longitude).toBeGreaterThanOrEqual(-180);
    expect(r.longitude).toBeLessThanOrEqual(180);
    expect(Array.isArray(r.zones)).toBe(true);
  }
  const seoul = regions.find((r) => r.key === "aws-ap-northeast-2");
  expect(seoul?.name).toContain("Seoul");

  const aws = await getJson<Region[]>(request, "/api/v1/regions?provider=aws");
  expect(aws.length).toBe(providers.find((p) => p.id === "aws")?.regionCount);
  expect(aws.length).toBeGreaterThan(10);
  expect(aws.every((r) => r.provider === "aws")).toBe(true);

  const bad = await getJson<ErrorBody>(request, "/api/v1/regions?provider=AWS", 400);
  expect(bad.error).toContain("query.provider");
});

test("specs and images of a region", async ({ request }) => {
  const specs = await getJson<Record<string, unknown>[]>(request, "/api/v1/regions/aws-us-east-1/specs");
  expect(specs.length).toBeGreaterThan(5);
  for (const s of specs) {
    expect(typeof s.id).toBe("string");
    expect(typeof s.name).toBe("string");
    expect(s.vcpu).toBeGreaterThan(0);
    expect(s.memoryGiB).toBeGreaterThan(0);
    expect(s.pricePerHour).toBeGreaterThan(0);
  }
  expect(specs.map((s) => s.name)).toContain("t3.micro");
  // Cheapest first.
  const prices = specs.map((s) => s.pricePerHour as number);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));

  const images = await getJson<Record<string, unknown>[]>(request, "/api/v1/regions/aws-us-east-1/images");
  expect(images.length).toBeGreaterThan(0);
  for (const i of images) {
    expect(typeof i.id).toBe("string");
    expect(typeof i.name).toBe("string");
    expect(typeof i.os).toBe("string");
  }

  const missing = await getJson<ErrorBody>(request, "/api/v1/regions/aws-nowhere-9/specs", 404);
  expect(missing.error).toContain('unknown region "aws-nowhere-9"');
  const missingImages = await getJson<ErrorBody>(request, "/api/v1/regions/aws-nowhere-9/images", 404);
  expect(missingImages.error).toContain("aws-nowhere-9");
});

test("latency: measured between measured regions, estimated from a point, errors name the field", async ({ request }) => {
  const measured = await getJson<{ rttMs: number; source: string; from: string; to: string }>(request, "/api/v1/latency?from=aws-us-east-1&to=aws-eu-west-1");
  expect(measured.source).toBe("measured");
  expect(measured.rttMs).toBeGreaterThan(20);
  expect(measured.rttMs).toBeLessThan(300);
  expect(measured.from).toBe("aws-us-east-1");
  expect(measured.to).toBe("aws-eu-west-1");

  // Seoul city centre to Virginia: no measurement exists for a point, so the model estimates.
  const estimated = await getJson<{ rttMs: number; source: string }>(request, "/api/v1/latency?from=37.56,126.97&to=aws-us-east-1");
  expect(estimated.source).toBe("estimated");
  expect(estimated.rttMs).toBeGreaterThan(100);
  const reverse = await getJson<{ rttMs: number; source: string }>(request, "/api/v1/latency?from=aws-us-east-1&to=37.56,126.97");
  expect(reverse).toMatchObject({ source: "estimated", rttMs: estimated.rttMs });

  const unknown = await getJson<ErrorBody>(request, "/api/v1/latency?from=aws-nowhere-9&to=aws-us-east-1", 404);
  expect(unknown.error).toContain('unknown region "aws-nowhere-9"');
  // A bare word is a well-formed region key, so it is "not found" rather than "malformed".
  const word = await getJson<ErrorBody>(request, "/api/v1/latency?from=abc&to=aws-us-east-1", 404);
  expect(word.error).toContain('"abc"');

  const malformed = await getJson<ErrorBody>(request, "/api/v1/latency?from=abc,def&to=aws-us-east-1", 400);
  expect(malformed.error).toContain("query.from");
  expect(malformed.issues?.[0]?.path).toBe("query.from");
  const outside = await getJson<ErrorBody>(request, "/api/v1/latency?from=aws-us-east-1&to=91,0", 400);
  expect(outside.error).toContain("query.to");
  expect(outside.error).toContain("latitude 91");
  const missingTo = await getJson<ErrorBody>(request, "/api/v1/latency?from=aws-us-east-1", 400);
  expect(missingTo.error).toContain("query.to");
});

test("connections: create, read, verify, refuse duplicates and bad input, delete", async ({ request }) => {
  const gcp = await getJson<Region[]>(request, "/api/v1/regions?provider=gcp");
  const region = gcp[0];
  const name = "e2e-api-conn";

  const created = await request.post("/api/v1/connections", { data: { provider: "gcp", region: region.region, name } });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ name, provider: "gcp", region: region.region, regionKey: region.key, driver: "sim", credential: "default", verifiedAt: null, verifyOk: null });

  const list = await getJson<{ name: string }[]>(request, "/api/v1/connections");
  expect(list.map((c) => c.name)).toContain(name);
  expect(await getJson(request, `/api/v1/connections/${name}`)).toMatchObject({ name, regionKey: region.key });
  // The region now lists it, which is what the map shows.
  const regions = await getJson<Region[]>(request, "/api/v1/regions?provider=gcp");
  expect(regions.find((r) => r.key === region.key)?.connections).toContain(name);

  const duplicate = await request.post("/api/v1/connections", { data: { provider: "gcp", region: region.region, name } });
  expect(duplicate.status()).toBe(409);
  expect(((await duplicate.json()) as ErrorBody).error).toContain("already exists");

  const badName = await request.post("/api/v1/connections", { data: { provider: "gcp", region: region.region, name: "Bad Name!" } });
  expect(badName.status()).toBe(400);
  const badNameBody = (await badName.json()) as ErrorBody;
  expect(badNameBody.issues?.[0]?.path).toBe("body.name");
  expect(badNameBody.error).toContain("letters, digits and dashes");

  const badProvider = await request.post("/api/v1/connections", { data: { provider: "nocloud", region: "x" } });
  expect(badProvider.status()).toBe(400);
  expect(((await badProvider.json()) as ErrorBody).error).toContain('body.provider: unknown provider "nocloud"');

  const badRegion = await request.post("/api/v1/connections", { data: { provider: "gcp", region: "mars-north1" } });
  expect(badRegion.status()).toBe(400);
  expect(((await badRegion.json()) as ErrorBody).error).toContain('body.region: gcp has no region "mars-north1"');

  const notJson = await request.post("/api/v1/connections", { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(notJson.status()).toBe(400);
  expect(((await notJson.json()) as ErrorBody).error).toContain("body:");

  const verify = await request.post(`/api/v1/connections/${name}/verify`);
  expect(verify.status(), await verify.text()).toBe(200);
  const answer = await verify.json();
  expect(answer).toMatchObject({ ok: true, connection: name, regionFound: true, code: null });
  expect(answer.specCount).toBeGreaterThan(0);
  expect(answer.imageCount).toBeGreaterThan(0);
  expect(answer.durationMs).toBeGreaterThanOrEqual(0);
  expect(answer.message).toContain(region.name);
  expect(await getJson(request, `/api/v1/connections/${name}`)).toMatchObject({ verifyOk: true, verifiedAt: answer.checkedAt, verifyMessage: answer.message });

  const verifyMissing = await request.post("/api/v1/connections/no-such-conn/verify");
  expect(verifyMissing.status()).toBe(404);
  expect(((await verifyMissing.json()) as ErrorBody).error).toContain('"no-such-conn" does not exist');

  const removed = await request.delete(`/api/v1/connections/${name}`);
  expect(removed.status()).toBe(204);
  const gone = await getJson<ErrorBody>(request, `/api/v1/connections/${name}`, 404);
  expect(gone.error).toContain("does not exist");
  expect((await getJson<{ name: string }[]>(request, "/api/v1/connections")).map((c) => c.name)).not.toContain(name);
  expect((await request.delete(`/api/v1/connections/${name}`)).status()).toBe(404);

  // The collection's DELETE takes the name from the query as well as from the body.
  const second = "e2e-api-conn-2";
  expect((await request.post("/api/v1/connections", { data: { provider: "gcp", region: region.region, name: second } })).status()).toBe(201);
  expect((await request.delete(`/api/v1/connections?name=${second}`)).status()).toBe(204);
  expect((await request.delete(`/api/v1/connections?name=${second}`)).status()).toBe(404);
  const third = "e2e-api-conn-3";
  expect((await request.post("/api/v1/connections", { data: { provider: "gcp", region: region.region, name: third } })).status()).toBe(201);
  expect((await request.delete("/api/v1/connections", { data: { name: third } })).status()).toBe(204);
  await getJson(request, `/api/v1/connections/${third}`, 404);
});

test("a refused credential: verify answers 200 with ok false and the driver's message", async ({ request }) => {
  const name = "e2e-api-refused";
  const notInVault = await request.post("/api/v1/connections", { data: { provider: "aws", region: "eu-west-1", name, credential: "invalid-e2e" } });
  expect(notInVault.status()).toBe(400);
  expect((await notInVault.json()).error).toBe('body.credential: credential "invalid-e2e" is not in the vault; add it with POST /api/v1/credentials');
  const secret = "e2e-secret-value-never-answered";
  const vaulted = await request.post("/api/v1/credentials", { data: { name: "invalid-e2e", provider: "aws", secrets: { accessKeyId: "AKIAE2E", secretAccessKey: secret } } });
  expect(vaulted.status(), await vaulted.text()).toBe(201);
  expect(await vaulted.json()).toMatchObject({ name: "invalid-e2e", provider: "aws", keys: ["accessKeyId", "secretAccessKey"] });
  const listed = await request.get("/api/v1/credentials");
  expect(await listed.text()).not.toContain(secret);
  const created = await request.post("/api/v1/connections", { data: { provider: "aws", region: "eu-west-1", name, credential: "invalid-e2e" } });
  expect(created.status(), await created.text()).toBe(201);
  const verify = await request.post(`/api/v1/connections/${name}/verify`);
  expect(verify.status(), await verify.text()).toBe(200);
  expect(await verify.json()).toMatchObject({ ok: false, code: "AuthFailed", regionFound: false, specCount: 0 });
  expect(await getJson(request, `/api/v1/connections/${name}`)).toMatchObject({ verifyOk: false });
  expect((await request.delete("/api/v1/credentials/invalid-e2e")).status()).toBe(409);
  expect((await request.delete(`/api/v1/connections/${name}`)).status()).toBe(204);
  expect((await request.delete("/api/v1/credentials/invalid-e2e")).status()).toBe(204);
});

test("the OpenAPI document is 3.1 and lists every route", async ({ request }) => {
  const doc = await getJson<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, { summary?: string; responses?: object }>> }>(
    request,
    "/api/v1/openapi.json",
  );
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  expect(doc.info.title).toBe("Barista API");
  expect(doc.paths["/api/v1/regions"]?.get?.summary).toBeTruthy();
  for (const [path, method] of [
    ["/api/v1/health", "get"],
    ["/api/v1/providers", "get"],
    ["/api/v1/regions/{key}/specs", "get"],
    ["/api/v1/regions/{key}/images", "get"],
    ["/api/v1/regions/{key}/latency", "get"],
    ["/api/v1/latency", "get"],
    ["/api/v1/connections", "get"],
    ["/api/v1/connections", "post"],
    ["/api/v1/connections", "delete"],
    ["/api/v1/connections/{name}", "get"],
    ["/api/v1/connections/{name}", "delete"],
    ["/api/v1/connections/{name}/verify", "post"],
  ] as const) {
    expect(doc.paths[path]?.[method]?.responses, `${method.toUpperCase()} ${path}`).toBeTruthy();
  }
});
