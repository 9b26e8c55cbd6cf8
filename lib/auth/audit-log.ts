import type { AuditFilter, AuditRepository } from "@/lib/store";

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  role: string;
  tokenId: string | null;
  action: string;
  target: string;
  result: string;
  status: number;
  source: string | null;
}

const COLUMNS: (keyof AuditEntryView)[] = ["id", "at", "actor", "role", "tokenId", "action", "target", "result", "status", "source"];

export async function readAudit(audit: AuditRepository, filter: AuditFilter): Promise<AuditEntryView[]> {
  const rows = await audit.list(filter);
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, role: r.role, tokenId: r.tokenId, action: r.action, target: r.target, result: r.result, status: r.status, source: r.source }));
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is quoted with a leading apostrophe. */
export function auditCsv(entries: AuditEntryView[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.join(","), ...entries.map((e) => COLUMNS.map((c) => cell(e[c])).join(","))].join("\r\n") + "\r\n";
}
