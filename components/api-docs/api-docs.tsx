import { rootScope } from "./describe-schema";
import { MethodBadge } from "./method-badge";
import { OperationCard } from "./operation-card";
import { groupByTag, type OpenApiDocument } from "./openapi-types";
import { SchemaTree, schemaAnchor } from "./schema-tree";

type Props = { doc: OpenApiDocument; rawUrl: string };

/** The OpenAPI document as a page: operations grouped by tag, a side index, and the named schemas. */
export function ApiDocs({ doc, rawUrl }: Props) {
  const groups = groupByTag(doc);
  const scope = rootScope(doc.components?.schemas);
  const schemas = Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const operationCount = groups.reduce((n, g) => n + g.operations.length, 0);

  return (
    <div className="mx-auto flex max-w-[92rem] gap-8 px-6">
      <nav aria-label="API index" className="sticky top-0 hidden h-[calc(100vh-3rem)] w-80 shrink-0 overflow-y-auto py-6 pr-2 lg:block">
        {groups.map((g) => (
          <div key={g.tag} className="mb-4">
            <a href={`#tag-${g.tag}`} className="mb-1 block text-sm font-semibold uppercase tracking-wide text-slate-400 hover:text-white">
              {g.tag}
            </a>
            <ul className="space-y-0.5">
              {g.operations.map((o) => (
                <li key={o.anchor}>
                  <a href={`#${o.anchor}`} className="flex items-start gap-2 rounded-md px-1.5 py-1 hover:bg-slate-800">
                    <MethodBadge method={o.method} size="sm" />
                    <span className="min-w-0 break-all pt-px font-mono text-sm text-slate-200" title={o.operation.summary}>
                      {o.path.replace(/^\/api\/v1/, "")}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {schemas.length > 0 && (
          <a href="#schemas" className="block text-sm font-semibold uppercase tracking-wide text-slate-400 hover:text-white">
            Schemas
          </a>
        )}
      </nav>

      <div className="min-w-0 flex-1 pb-16 pt-6">
        <header className="border-b border-panel-edge pb-5">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-semibold tracking-tight text-white">{doc.info.title}</h1>
            <span className="rounded bg-slate-700/60 px-2 py-0.5 font-mono text-sm text-slate-200">v{doc.info.version}</span>
            <span data-testid="openapi-version" className="rounded bg-sky-500/15 px-2 py-0.5 font-mono text-sm text-sky-200 ring-1 ring-sky-400/40">
              OpenAPI {doc.openapi}
            </span>
            <a
              data-testid="raw-json-link"
              href={rawUrl}
              target="_blank"
              rel="noreferrer"
              className="ml-auto rounded-lg border border-panel-edge bg-panel px-3 py-1.5 font-mono text-sm text-sky-300 hover:border-sky-400 hover:text-sky-200"
            >
              {rawUrl} ↗
            </a>
          </div>
          {doc.info.description && <p className="mt-2 max-w-4xl text-lg text-slate-300">{doc.info.description}</p>}
          <p className="mt-2 text-slate-400">
            <span data-testid="operation-count" className="font-semibold tabular-nums text-slate-200">
              {operationCount}
            </span>{" "}
            operations on <span className="tabular-nums">{Object.keys(doc.paths).length}</span> paths. Errors answer{" "}
            <code className="font-mono text-slate-200">{"{ error, code?, issues? }"}</code> with a message that says what to fix.
          </p>
        </header>

        {groups.map((g) => (
          <section key={g.tag} id={`tag-${g.tag}`} data-testid="tag-group" data-tag={g.tag} className="scroll-mt-4 pt-8">
            <h2 className="mb-3 text-2xl font-semibold capitalize text-white">{g.tag}</h2>
            <div className="space-y-4">
              {g.operations.map((o) => (
                <OperationCard key={o.anchor} entry={o} scope={scope} />
              ))}
            </div>
          </section>
        ))}

        {schemas.length > 0 && (
          <section id="schemas" className="scroll-mt-4 pt-10">
            <h2 className="mb-1 text-2xl font-semibold text-white">Schemas</h2>
            <p className="mb-3 text-slate-400">The named shapes the operations refer to.</p>
            <div className="space-y-2">
              {schemas.map(([name, schema]) => (
                <details key={name} id={schemaAnchor(name)} className="scroll-mt-4 rounded-xl border border-panel-edge bg-panel px-4 py-2">
                  <summary className="cursor-pointer font-mono text-lg text-amber-200">{name}</summary>
                  <div className="mt-2 pb-2">
                    <SchemaTree schema={schema} scope={scope} />
                  </div>
                </details>
              ))}
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
