import type { ReactNode } from "react";
import { constraintsOf, typeLabel, type SchemaScope } from "./describe-schema";
import { MethodBadge, statusTone } from "./method-badge";
import type { MediaType, OperationEntry, Parameter } from "./openapi-types";
import { SchemaTree } from "./schema-tree";

/** Who may call an operation, in words. */
const ACCESS_LABEL: Record<string, string> = {
  public: "no sign-in needed",
  viewer: "viewer or above",
  operator: "operator or admin",
  admin: "admin",
  agent: "agent, operator or admin",
};

function PathText({ path }: { path: string }) {
  // Path parameters stand out, so `{key}` reads as "put a region key here".
  return (
    <>
      {path.split(/(\{[^}]+\})/).map((part, i) =>
        part.startsWith("{") ? (
          <span key={i} className="text-amber-200">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="mt-4">
      <h4 className="mb-1.5 text-sm font-semibold uppercase tracking-wide text-slate-400">{title}</h4>
      {children}
    </section>
  );
}

function Parameters({ list, scope }: { list: Parameter[]; scope: SchemaScope }) {
  return (
    <table data-testid="parameters" className="w-full text-left text-[0.95rem]">
      <thead className="text-sm text-slate-400">
        <tr>
          <th className="w-[22%] py-1 pr-3 font-medium">Name</th>
          <th className="w-[10%] py-1 pr-3 font-medium">In</th>
          <th className="py-1 font-medium">Type and meaning</th>
        </tr>
      </thead>
      <tbody>
        {list.map((p) => (
          <tr key={`${p.in}-${p.name}`} className="border-t border-panel-edge/60 align-baseline">
            <td className="py-1.5 pr-3">
              <span className="font-mono text-sky-200">{p.name}</span>
              {p.required ? (
                <span className="ml-2 text-xs font-semibold uppercase tracking-wide text-rose-300">required</span>
              ) : (
                <span className="ml-2 text-xs uppercase tracking-wide text-slate-400">optional</span>
              )}
            </td>
            <td className="py-1.5 pr-3 text-slate-300">{p.in}</td>
            <td className="py-1.5">
              <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                {p.schema && <span className="font-mono text-amber-200">{typeLabel(p.schema, scope)}</span>}
                {p.schema &&
                  constraintsOf(p.schema, scope).map((c) => (
                    <span key={c} className="break-all rounded bg-slate-700/50 px-1.5 font-mono text-sm text-slate-300">
                      {c}
                    </span>
                  ))}
                {(p.description ?? p.schema?.description) && <span className="text-slate-300">{p.description ?? p.schema?.description}</span>}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Content({ content, scope }: { content: Record<string, MediaType> | undefined; scope: SchemaScope }) {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return <p className="text-slate-400">No body.</p>;
  return (
    <div className="space-y-2">
      {entries.map(([type, media]) => (
        <div key={type}>
          {entries.length > 1 && <p className="mb-1 font-mono text-sm text-slate-400">{type}</p>}
          {media.schema ? <SchemaTree schema={media.schema} scope={scope} /> : <p className="text-slate-400">Any {type} body.</p>}
        </div>
      ))}
    </div>
  );
}

/** One operation: method, path, what it does, its inputs and every answer it can give. */
export function OperationCard({ entry, scope }: { entry: OperationEntry; scope: SchemaScope }) {
  const { method, path, operation: op, anchor } = entry;
  const params = op.parameters ?? [];
  const responses = Object.entries(op.responses ?? {});
  const openable = method === "get" && !path.includes("{");
  return (
    <article
      id={anchor}
      data-testid="operation"
      data-method={method}
      data-path={path}
      className="scroll-mt-4 rounded-xl border border-panel-edge bg-panel shadow-lg"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-panel-edge px-5 py-3">
        <MethodBadge method={method} />
        <h3 className="break-all font-mono text-lg font-semibold text-white">
          <PathText path={path} />
        </h3>
        {openable && (
          <a href={path} target="_blank" rel="noreferrer" className="text-sm text-sky-300 underline-offset-2 hover:underline">
            open ↗
          </a>
        )}
        {op["x-barista-access"] && (
          <span data-testid="operation-access" title="The least role this operation needs" className="rounded-full border border-slate-600 px-2 py-0.5 text-sm text-slate-300">
            {ACCESS_LABEL[op["x-barista-access"]] ?? op["x-barista-access"]}
          </span>
        )}
        {op.operationId && <span className="ml-auto font-mono text-sm text-slate-400">{op.operationId}</span>}
      </header>
      <div className="px-5 pb-4 pt-3">
        {op.summary && (
          <p data-testid="operation-summary" className="text-[1.05rem] text-slate-100">
            {op.summary}
          </p>
        )}
        {op.description && <p className="mt-1 text-slate-300">{op.description}</p>}

        {params.length > 0 && (
          <Section title="Parameters">
            <Parameters list={params} scope={scope} />
          </Section>
        )}

        {op.requestBody && (
          <Section
            title={
              <>
                Request body
                <span className="ml-2 font-mono normal-case tracking-normal text-slate-400">
                  {Object.keys(op.requestBody.content ?? {}).join(", ")}
                  {op.requestBody.required ? " · required" : ""}
                </span>
              </>
            }
          >
            <div data-testid="request-body">
              <Content content={op.requestBody.content} scope={scope} />
            </div>
          </Section>
        )}

        <Section title="Responses">
          <div data-testid="responses" className="space-y-2">
            {responses.map(([status, res]) => {
              const success = status.startsWith("2");
              const head = (
                <span className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-2 py-px font-mono text-sm font-bold ring-1 ${statusTone(status)}`}>{status}</span>
                  <span className="text-slate-200">{res.description}</span>
                  {!success && res.content?.["application/json"]?.schema && (
                    <span className="font-mono text-sm text-slate-400">{typeLabel(res.content["application/json"].schema, scope)}</span>
                  )}
                </span>
              );
              // Every error has the same { error } shape: fold them so the success answer stands out.
              return success ? (
                <div key={status} data-testid="response" data-status={status}>
                  {head}
                  {res.content && (
                    <div className="mt-1.5">
                      <Content content={res.content} scope={scope} />
                    </div>
                  )}
                </div>
              ) : (
                <details key={status} data-testid="response" data-status={status} className="group">
                  <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
                    <span className="flex items-center gap-2">
                      <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">
                        ▸
                      </span>
                      {head}
                    </span>
                  </summary>
                  {res.content && (
                    <div className="ml-5 mt-1.5">
                      <Content content={res.content} scope={scope} />
                    </div>
                  )}
                </details>
              );
            })}
          </div>
        </Section>
      </div>
    </article>
  );
}
