import { childrenOf, constraintsOf, descriptionOf, refTarget, typeLabel, type Child, type SchemaScope } from "./describe-schema";
import type { JsonSchema } from "./openapi-types";

const MAX_DEPTH = 6;

export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

function TypeName({ schema, scope }: { schema: JsonSchema; scope: SchemaScope }) {
  const label = typeLabel(schema, scope);
  const target = refTarget(schema, scope);
  const className = "font-mono text-[0.95rem] text-amber-200";
  return target ? (
    <a href={`#${schemaAnchor(target)}`} className={`${className} underline decoration-amber-200/30 underline-offset-2 hover:decoration-amber-200`}>
      {label}
    </a>
  ) : (
    <span className={className}>{label}</span>
  );
}

function Constraints({ schema, scope }: { schema: JsonSchema; scope: SchemaScope }) {
  const list = constraintsOf(schema, scope);
  if (list.length === 0) return null;
  return (
    <>
      {list.map((c) => (
        <span key={c} className="max-w-full break-all rounded bg-slate-700/50 px-1.5 font-mono text-sm text-slate-300">
          {c}
        </span>
      ))}
    </>
  );
}

function Row({ child, depth }: { child: Child; depth: number }) {
  const description = descriptionOf(child.schema, child.scope);
  const kids = depth < MAX_DEPTH ? childrenOf(child.schema, child.scope) : [];
  return (
    <li className="py-0.5">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <span className={`font-mono text-[0.95rem] ${child.isProperty ? "text-sky-200" : "italic text-slate-400"}`}>{child.label}</span>
        {child.isProperty &&
          (child.required ? (
            <span className="text-xs font-semibold uppercase tracking-wide text-rose-300">required</span>
          ) : (
            <span className="text-xs uppercase tracking-wide text-slate-400">optional</span>
          ))}
        <TypeName schema={child.schema} scope={child.scope} />
        <Constraints schema={child.schema} scope={child.scope} />
        {description && <span className="text-[0.95rem] text-slate-400">— {description}</span>}
      </div>
      {kids.length > 0 && <Children items={kids} depth={depth + 1} />}
    </li>
  );
}

function Children({ items, depth }: { items: Child[]; depth: number }) {
  return (
    <ul className="ml-1.5 border-l border-panel-edge pl-4">
      {items.map((c) => (
        <Row key={c.label} child={c} depth={depth} />
      ))}
    </ul>
  );
}

/** A JSON Schema as a compact tree: each field with its type, constraints and description; the raw JSON one click away. */
export function SchemaTree({ schema, scope, showRaw = true }: { schema: JsonSchema; scope: SchemaScope; showRaw?: boolean }) {
  const kids = childrenOf(schema, scope);
  const description = descriptionOf(schema, scope);
  return (
    <div data-testid="schema-tree" className="rounded-lg border border-panel-edge/70 bg-sea/60 px-3 py-2">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <TypeName schema={schema} scope={scope} />
        <Constraints schema={schema} scope={scope} />
        {description && <span className="text-[0.95rem] text-slate-400">— {description}</span>}
      </div>
      {kids.length > 0 && (
        <div className="mt-1">
          <Children items={kids} depth={1} />
        </div>
      )}
      {showRaw && (
        <details className="mt-1.5">
          <summary className="cursor-pointer select-none text-sm text-slate-400 hover:text-slate-200">JSON Schema</summary>
          <pre className="mt-1 max-h-96 overflow-auto rounded bg-black/30 p-2 font-mono text-sm leading-snug text-slate-300">
            {JSON.stringify(schema, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
