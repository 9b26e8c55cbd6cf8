import { auditCsv, readAudit } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.listAudit, async ({ query }) => {
  const { format, from, to, ...rest } = query;
  const entries = await readAudit(runtime().stores.audit, { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined });
  if (format === "json") return entries;
  return new Response(auditCsv(entries), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="barista-audit.csv"', "cache-control": "no-store" },
  });
});
