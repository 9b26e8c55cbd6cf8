import type { JsonSchema } from "./openapi-types";

/**
 * Where a `$ref` can point: the document's components, and the `$defs` of every schema on the way
 * down (a generated schema may carry its named parts in its own `$defs`).
 */
export interface SchemaScope {
  components: Readonly<Record<string, JsonSchema>>;
  defs: readonly Readonly<Record<string, JsonSchema>>[];
  /** Schemas already open on the way down, so a recursive type stops instead of looping. */
  seen: readonly JsonSchema[];
}

export interface Resolved {
  schema: JsonSchema;
  /** The name of the first `$ref` followed, e.g. `Region`. */
  name?: string;
  scope: SchemaScope;
  /** The ref points back at a schema already being shown. */
  recursive?: boolean;
  /** The ref names something the document does not hold. */
  missing?: string;
}

export function rootScope(components: Readonly<Record<string, JsonSchema>> | undefined): SchemaScope {
  return { components: components ?? {}, defs: [], seen: [] };
}

function refName(ref: string): string {
  return decodeURIComponent(ref.slice(ref.lastIndexOf("/") + 1)).replace(/~1/g, "/").replace(/~0/g, "~");
}

function lookup(ref: string, scope: SchemaScope): JsonSchema | undefined {
  const name = refName(ref);
  if (ref.startsWith("#/components/schemas/")) return scope.components[name];
  for (const defs of scope.defs) if (defs[name]) return defs[name];
  return scope.components[name];
}

/** Follows `$ref`s (and enters `$defs`) until a schema with content is reached. */
export function resolveSchema(schema: JsonSchema, scope: SchemaScope, name?: string): Resolved {
  const inner: SchemaScope = schema.$defs ? { ...scope, defs: [schema.$defs, ...scope.defs] } : scope;
  if (!schema.$ref) return { schema, name, scope: inner };
  const label = name ?? refName(schema.$ref);
  const target = lookup(schema.$ref, inner);
  if (!target) return { schema: {}, name: label, scope: inner, missing: schema.$ref };
  if (inner.seen.includes(target)) return { schema: target, name: label, scope: inner, recursive: true };
  return resolveSchema(target, { ...inner, seen: [...inner.seen, target] }, label);
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ["object"];
  if (s.items) return ["array"];
  return [];
}

function literal(v: unknown): string {
  return typeof v === "string" ? `"${v}"` : JSON.stringify(v);
}

/** A one-line type: `string`, `integer | null`, `"sim" | "aws"`, `array of Region`, `Connection`. */
export function typeLabel(schema: JsonSchema, scope: SchemaScope, depth = 0): string {
  const r = resolveSchema(schema, scope);
  const s = r.schema;
  if (r.missing) return `${r.name} (not in the document)`;
  if (depth > 4) return r.name ?? "…";
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return s.enum.map(literal).join(" | ");
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map((v) => typeLabel(v, r.scope, depth + 1)).join(" | ");
  if (s.allOf) return s.allOf.map((v) => typeLabel(v, r.scope, depth + 1)).join(" & ");
  const types = typesOf(s);
  if (types.length === 0) return r.name ?? "any";
  return types
    .map((t) => {
      if (t === "array") return s.items ? `array of ${typeLabel(s.items, r.scope, depth + 1)}` : "array";
      if (t === "object") {
        if (r.name) return r.name;
        if (!s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
          const value = typeLabel(s.additionalProperties, r.scope, depth + 1);
          return `map of ${s.propertyNames ? typeLabel(s.propertyNames, r.scope, depth + 1) : "string"} → ${value}`;
        }
        return "object";
      }
      return t;
    })
    .join(" | ");
}

// zod writes the safe-integer range on every int; it says nothing a reader needs.
const SAFE = 9007199254740991;
const meaningful = (n: number | undefined): n is number => n !== undefined && Math.abs(n) < SAFE;

function range(min: number | undefined, max: number | undefined, unit = ""): string | null {
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `≥ ${min}${unit}`;
  if (max !== undefined) return `≤ ${max}${unit}`;
  return null;
}

/** Constraints worth reading: lengths, ranges, pattern, format, default and an example. */
export function constraintsOf(schema: JsonSchema, scope: SchemaScope): string[] {
  const s = resolveSchema(schema, scope).schema;
  const out: string[] = [];
  const length = range(s.minLength, s.maxLength, " chars");
  if (length) out.push(length);
  const min = meaningful(s.minimum) ? s.minimum : meaningful(s.exclusiveMinimum) ? s.exclusiveMinimum : undefined;
  const max = meaningful(s.maximum) ? s.maximum : meaningful(s.exclusiveMaximum) ? s.exclusiveMaximum : undefined;
  const values = range(min, max);
  if (values) out.push(values);
  const items = range(s.minItems, s.maxItems, " items");
  if (items) out.push(items);
  if (s.format) out.push(`format ${s.format}`);
  if (s.pattern) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${literal(s.default)}`);
  const example = s.example ?? s.examples?.[0] ?? schema.example;
  if (example !== undefined) out.push(`e.g. ${typeof example === "string" ? example : JSON.stringify(example)}`);
  return out;
}

export function descriptionOf(schema: JsonSchema, scope: SchemaScope): string | undefined {
  return schema.description ?? resolveSchema(schema, scope).schema.description;
}

export interface Child {
  label: string;
  required: boolean;
  schema: JsonSchema;
  scope: SchemaScope;
  /** The label is a name the document gives (a property), not one this page made up. */
  isProperty: boolean;
}

/** What a schema opens onto: an object's properties, an array's item, a union's variants. */
export function childrenOf(schema: JsonSchema, scope: SchemaScope): Child[] {
  const r = resolveSchema(schema, scope);
  if (r.recursive || r.missing) return [];
  const s = r.schema;
  if (s.properties) {
    const required = new Set(s.required ?? []);
    return Object.entries(s.properties).map(([label, p]) => ({ label, required: required.has(label), schema: p, scope: r.scope, isProperty: true }));
  }
  if (s.items && typesOf(s).includes("array")) return childrenOf(s.items, r.scope);
  const variants = (s.anyOf ?? s.oneOf ?? s.allOf)?.filter((v) => !(v.type === "null" && Object.keys(v).length === 1));
  if (variants?.length === 1) return childrenOf(variants[0], r.scope);
  if (variants && variants.length > 1) {
    return variants
      .filter((v) => childrenOf(v, r.scope).length > 0)
      .map((v, i) => ({ label: `variant ${i + 1}`, required: false, schema: v, scope: r.scope, isProperty: false }));
  }
  if (s.additionalProperties && typeof s.additionalProperties === "object" && childrenOf(s.additionalProperties, r.scope).length > 0) {
    return [{ label: "[key]", required: false, schema: s.additionalProperties, scope: r.scope, isProperty: false }];
  }
  return [];
}

/** The ref name a schema (or its array items) stands for, to link to the Schemas section. */
export function refTarget(schema: JsonSchema, scope: SchemaScope): string | undefined {
  const r = resolveSchema(schema, scope);
  if (r.name && scope.components[r.name]) return r.name;
  if (r.schema.items) return refTarget(r.schema.items, r.scope);
  return undefined;
}
