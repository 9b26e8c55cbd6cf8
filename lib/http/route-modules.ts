import { existsSync } from "node:fs";
import path from "node:path";
import { ALL_ENDPOINTS } from "./endpoints";
import type { Endpoint } from "./endpoint";

/** A route handler as Next.js calls it. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ServedEndpoint {
  ep: Endpoint;
  /** The app/api/v1 module that serves it. */
  file: string;
  handler: RouteHandler;
}

/** `/api/v1/ns/{ns}/mci/{id}` is served by `app/api/v1/ns/[ns]/mci/[id]/route.ts`. */
export function routeModuleFile(ep: Endpoint, root: string): string {
  return path.join(root, "app", ...ep.path.replace(/\{(\w+)\}/g, "[$1]").split("/").filter(Boolean), "route.ts");
}

/**
 * For tests that drive the real handlers: every endpoint of ALL_ENDPOINTS with the handler its
 * route module exports for its method, so an operation added to the document is covered at once.
 * Throws, naming the operation, when its module or its export is missing. Import the modules only
 * after DATABASE_URL and the other settings are set: they read them when first called.
 */
export async function loadServedEndpoints(root: string, endpoints: Endpoint[] = ALL_ENDPOINTS): Promise<ServedEndpoint[]> {
  const served: ServedEndpoint[] = [];
  for (const ep of endpoints) {
    const file = routeModuleFile(ep, root);
    if (!existsSync(file)) throw new Error(`${ep.method} ${ep.path}: no route module at ${path.relative(root, file)}`);
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const handler = mod[ep.method];
    if (typeof handler !== "function") throw new Error(`${ep.method} ${ep.path}: ${path.relative(root, file)} exports no ${ep.method} handler`);
    served.push({ ep, file, handler: handler as RouteHandler });
  }
  return served;
}

/** A lone surrogate cannot be put in a URL; a browser sends U+FFFD for it. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** The request path of an operation with its parameters filled in (each encoded as one segment). */
export function fillPath(ep: Endpoint, params: Record<string, string>): string {
  return ep.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? "")));
}
