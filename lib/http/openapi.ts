import { z } from "zod";
import type { Endpoint } from "./endpoint";
import { errorSchema } from "@/lib/validation/common";

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  413: "The body is too large",
  400: "Invalid input: the message names the field",
  401: "No credentials, or unknown, revoked or expired ones: sign in or send a bearer token",
  403: "The role is not enough (or a change with a cookie came from another site)",
  404: "Not found",
  415: "The body is not of the type the operation reads",
  409: "Conflict with the current state",
  429: "Throttled",
  503: "The cloud is unavailable; retry",
};

/**
 * zod writes named schemas it meets inside another into a local `$defs` with `#/$defs/…` refs,
 * which OpenAPI tools resolve against the document root. Move them into components.schemas and
 * point the refs there (an input variant that differs from the output one gets its own name).
 */
function hoistDefs(json: JsonSchema, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  const names = new Map<string, string>();
  for (const [id, def] of Object.entries(defs)) {
    const clash = components[id] && JSON.stringify(components[id]) !== JSON.stringify(def);
    names.set(id, io === "input" && clash ? `${id}Input` : id);
  }
  const rewrite = (x: JsonSchema): JsonSchema =>
    JSON.parse(JSON.stringify(x).replace(/"#\/\$defs\/([^"]+)"/g, (_, id: string) => `"#/components/schemas/${names.get(id) ?? id}"`)) as JsonSchema;
  for (const [id, def] of Object.entries(defs)) components[names.get(id)!] ??= rewrite(def);
  return rewrite(json);
}

/** Turns zod into JSON Schema 2020-12 (what OpenAPI 3.1 speaks), collecting named schemas into components. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const json = hoistDefs(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as JsonSchema, io, components);
  delete json.$schema;
  if (typeof json.$ref === "string" && Object.keys(json).length === 1) return json;
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  if (!id) return json;
  const name = io === "input" && components[id] && JSON.stringify(components[id]) !== JSON.stringify(json) ? `${id}Input` : id;
  components[name] = json;
  return { $ref: `#/components/schemas/${name}` };
}

function parameters(ep: Endpoint, components: Record<string, JsonSchema>) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [["path", ep.params], ["query", ep.query]] as const) {
    if (!schema) continue;
    const json = hoistDefs(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema, "input", components) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), description: prop.description, schema: prop });
    }
  }
  return out;
}

export function buildOpenApi(endpoints: Endpoint[], info: { version: string }) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of endpoints) {
    const status = ep.status ?? 200;
    const responses: Record<string, unknown> = {
      [status]: status === 204 || !ep.response
        ? { description: STATUS_TEXT[status] ?? "OK" }
        : { description: STATUS_TEXT[status] ?? "OK", content: { "application/json": { schema: schemaOf(ep.response, "output", components) } } },
    };
    const guarded = ep.access === "public" ? [] : [401, 403, ...(ep.body || ep.rawBody ? [415] : [])];
    for (const code of [...new Set([...(ep.errors ?? []), ...guarded])].sort((a, b) => a - b)) {
      const body = ep.errorBodies?.[code] ?? errorSchema;
      responses[code] = { description: STATUS_TEXT[code] ?? "Error", content: { "application/json": { schema: schemaOf(body, "output", components) } } };
    }
    const op: Record<string, unknown> = {
      operationId: `${ep.method.toLowerCase()}${ep.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: ep.summary,
      ...(ep.description ? { description: ep.description } : {}),
      tags: [ep.tag],
      // The least role, read by the console's docs and by the tests that try every operation with every role.
      "x-barista-access": ep.access,
      ...(ep.access === "public" ? { security: [] } : {}),
      parameters: parameters(ep, components),
      ...(ep.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(ep.body, "input", components) } } } } : {}),
      ...(ep.rawBody
        ? {
            requestBody: {
              required: true,
              description: ep.rawBody.description,
              content: { [ep.rawBody.contentType]: { schema: { type: "string" }, ...(ep.rawBody.example ? { example: ep.rawBody.example } : {}) } },
            },
          }
        : {}),
      responses,
    };
    paths[ep.path] = { ...(paths[ep.path] ?? {}), [ep.method.toLowerCase()]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Barista API",
      version: info.version,
      description: "Run many clouds as one: regions, specs, images, latency, connections, namespaces, MCIs, metrics and alerts. Every input is validated; errors say what to fix.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    paths,
    // Every operation needs one of these unless it says `security: []`.
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token (POST /api/v1/tokens), or BARISTA_API_TOKEN" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "barista.session_token", description: "The console's session, after signing in" },
      },
    },
  };
}
