import type { Metadata } from "next";
import { ApiDocs } from "@/components/api-docs/api-docs";
import type { OpenApiDocument } from "@/components/api-docs/openapi-types";
import { ALL_ENDPOINTS, buildOpenApi } from "@/lib/http";
import pkg from "@/package.json";

export const metadata: Metadata = { title: "API" };

export default function Page() {
  // The same generator as GET /api/v1/openapi.json, so the page and the document cannot differ.
  const doc = buildOpenApi(ALL_ENDPOINTS, { version: pkg.version }) as OpenApiDocument;
  return <ApiDocs doc={doc} rawUrl="/api/v1/openapi.json" />;
}
