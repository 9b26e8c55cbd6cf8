import { HttpError } from "./errors";
import { json } from "./route";

const CREATE_DATABASE = /^CREATE\s+DATABASE\s+(?:"(?:[^"\\]|\\.)+"|[A-Za-z_]\w*)(?:\s+WITH\s+.*)?$/is;

/** Statements of an InfluxQL text, split at semicolons outside double quotes; empty ones dropped. */
export function splitStatements(q: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === "\\" && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ";" && !quoted) {
      out.push(q.slice(start, i));
      start = i + 1;
    }
  }
  out.push(q.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/**
 * InfluxDB's answer to the statements Telegraf's influxdb output sends to /query: CREATE DATABASE
 * succeeds and makes nothing (every database writes to the one metric store). Barista runs no
 * other InfluxQL: that is a 400 saying where metrics are read instead.
 */
export function answerInfluxQuery(q: string | null | undefined): Response {
  const statements = splitStatements(q ?? "");
  if (!statements.length) throw new HttpError(400, 'missing parameter: q; send q=CREATE DATABASE "<name>" (the only statement answered here)', "InvalidInput");
  for (const s of statements) {
    if (!CREATE_DATABASE.test(s)) {
      throw new HttpError(400, `"${s.slice(0, 80)}" is not run here: Barista answers only CREATE DATABASE (and makes nothing); read metrics with GET /api/v1/metrics`, "InvalidInput");
    }
  }
  return json({ results: statements.map((_, i) => ({ statement_id: i })) }, 200);
}
