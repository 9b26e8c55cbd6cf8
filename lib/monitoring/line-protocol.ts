/**
 * InfluxDB line protocol (what Telegraf's influxdb output sends):
 *
 *   measurement[,tag=value…] field=value[,field=value…] [timestamp]
 *
 * Commas, spaces and equals signs in the measurement, tag keys, tag values and field keys are
 * escaped with a backslash (`\\` is one backslash); string field values are double-quoted with
 * `\"` and `\\` escaped. Lines starting with `#` are comments; blank lines are skipped. Pure.
 */

export type FieldValue =
  | { type: "float" | "integer" | "unsigned"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "string"; value: string };

export interface ParsedLine {
  /** 1-based line number in the request body. */
  line: number;
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  /** The timestamp digits as sent (in the request's precision), or null for "now". */
  timestamp: string | null;
}

export interface LineError {
  line: number;
  error: string;
}

export const PRECISIONS = ["ns", "us", "ms", "s"] as const;
/** InfluxDB 1.x also takes timestamps in whole minutes and hours (its /write route). */
export const COARSE_PRECISIONS = ["m", "h"] as const;
export type Precision = (typeof PRECISIONS)[number] | (typeof COARSE_PRECISIONS)[number];

const MS_PER_UNIT: Record<"ms" | "s" | "m" | "h", number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export class LineProtocolError extends Error {}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;
const TRUE_WORDS = new Set(["t", "T", "true", "True", "TRUE"]);
const FALSE_WORDS = new Set(["f", "F", "false", "False", "FALSE"]);

const BACKSLASH = 92;
const COMMA = 44;
const EQUALS = 61;
const SPACE = 32;

function escapable(code: number): boolean {
  return code === COMMA || code === EQUALS || code === SPACE || code === BACKSLASH;
}

/**
 * Reads an identifier (measurement, tag key or value, field key) from `i` up to the first
 * unescaped comma, space or (when `stopAtEquals`) equals sign, undoing the escapes. Works on
 * char codes and slices only when a backslash forces it: this loop runs for every token of
 * every line pushed to the server.
 */
function readToken(s: string, i: number, stopAtEquals: boolean): [string, number] {
  let out = "";
  let start = i;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < n && escapable(s.charCodeAt(i + 1))) {
      out += s.slice(start, i) + s[i + 1];
      i += 2;
      start = i;
      continue;
    }
    if (c === COMMA || c === SPACE || (stopAtEquals && c === EQUALS)) break;
    i++;
  }
  return [start === i ? out : out + s.slice(start, i), i];
}

/** Digits, sign, point and exponent only: what Number() must not see (hex, "Infinity", blanks) is refused first. */
function looksNumeric(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) return false;
  }
  return true;
}

function readString(s: string, i: number): [string, number] {
  // s[i] is the opening quote.
  let out = "";
  let start = ++i;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\" && (s[i + 1] === '"' || s[i + 1] === "\\")) {
      out += s.slice(start, i) + s[i + 1];
      i += 2;
      start = i;
      continue;
    }
    if (c === '"') return [out + s.slice(start, i), i + 1];
    i++;
  }
  throw new LineProtocolError("a string field value has no closing double quote");
}

function numberField(raw: string, key: string): FieldValue {
  const last = raw[raw.length - 1];
  if (last === "i" || last === "u") {
    const digits = raw.slice(0, -1);
    const unsigned = last === "u";
    if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(digits)) throw new LineProtocolError(`field ${key}: "${raw}" is not a valid ${unsigned ? "unsigned" : "integer"} value`);
    const big = BigInt(digits);
    if (unsigned ? big > UINT64_MAX : big > INT64_MAX || big < INT64_MIN) throw new LineProtocolError(`field ${key}: ${raw} is out of range for a 64-bit ${unsigned ? "unsigned" : "integer"}`);
    return { type: unsigned ? "unsigned" : "integer", value: Number(big) };
  }
  if (TRUE_WORDS.has(raw)) return { type: "boolean", value: true };
  if (FALSE_WORDS.has(raw)) return { type: "boolean", value: false };
  const value = looksNumeric(raw) ? Number(raw) : NaN;
  if (Number.isNaN(value)) throw new LineProtocolError(`field ${key}: "${raw}" is not a number, boolean or quoted string`);
  if (!Number.isFinite(value)) throw new LineProtocolError(`field ${key}: ${raw} is out of range for a float`);
  return { type: "float", value };
}

/** Parses one non-blank, non-comment line; throws LineProtocolError saying what is wrong. */
export function parseLine(text: string, line = 1): ParsedLine {
  const s = text;
  let [measurement, i] = readToken(s, 0, false);
  if (!measurement) throw new LineProtocolError("the line has no measurement name");
  const tags: Record<string, string> = {};
  while (s[i] === ",") {
    const [key, afterKey] = readToken(s, i + 1, true);
    if (!key) throw new LineProtocolError("a tag has an empty key");
    if (s[afterKey] !== "=") throw new LineProtocolError(`tag ${key} has no "=value"`);
    const [value, afterValue] = readToken(s, afterKey + 1, false);
    if (!value) throw new LineProtocolError(`tag ${key} has an empty value`);
    tags[key] = value;
    i = afterValue;
  }
  if (s[i] !== " ") throw new LineProtocolError("the line has no fields (expected a space, then field=value)");
  while (s[i] === " ") i++;

  const fields: Record<string, FieldValue> = {};
  for (;;) {
    const [key, afterKey] = readToken(s, i, true);
    if (!key) throw new LineProtocolError(i >= s.length ? "the line has no fields" : "a field has an empty key");
    if (s[afterKey] !== "=") throw new LineProtocolError(`field ${key} has no "=value"`);
    i = afterKey + 1;
    if (s[i] === '"') {
      const [value, after] = readString(s, i);
      fields[key] = { type: "string", value };
      i = after;
    } else {
      let end = i;
      for (let c = s.charCodeAt(end); end < s.length && c !== COMMA && c !== SPACE; c = s.charCodeAt(++end));
      if (end === i) throw new LineProtocolError(`field ${key} has an empty value`);
      fields[key] = numberField(s.slice(i, end), key);
      i = end;
    }
    if (s[i] === ",") {
      i++;
      continue;
    }
    if (i < s.length && s[i] !== " ") throw new LineProtocolError(`unexpected "${s[i]}" after field ${key}`);
    break;
  }

  while (s[i] === " ") i++;
  let timestamp: string | null = null;
  if (i < s.length) {
    let end = s.length;
    while (end > i && (s[end - 1] === " " || s[end - 1] === "\t")) end--;
    const ts = s.slice(i, end);
    if (!/^-?\d+$/.test(ts)) throw new LineProtocolError(`"${ts}" is not a timestamp (an integer in the request's precision)`);
    timestamp = ts;
  }
  return { line, measurement, tags, fields, timestamp };
}

/** Parses a whole body: good lines and the errors of bad ones, each with its line number. */
export function parseLineProtocol(body: string): { lines: ParsedLine[]; errors: LineError[] } {
  const lines: ParsedLine[] = [];
  const errors: LineError[] = [];
  let n = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    n++;
    let text = body.slice(start, end);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    start = end + 1;
    let first = 0;
    while (first < text.length && (text[first] === " " || text[first] === "\t")) first++;
    if (first === text.length || text[first] === "#") continue;
    try {
      lines.push(parseLine(first ? text.slice(first) : text, n));
    } catch (e) {
      if (!(e instanceof LineProtocolError)) throw e;
      errors.push({ line: n, error: e.message });
    }
  }
  return { lines, errors };
}

/** Date's own range: ±8.64e15 ms. */
const MAX_MS = 8.64e15;

/**
 * A timestamp in the request's precision as epoch milliseconds, rounded down: the store keeps
 * milliseconds. Nanosecond timestamps have 19 digits, beyond a double's exact range, so the
 * sub-millisecond digits are cut off as text first.
 */
export function toEpochMs(timestamp: string, precision: Precision): number {
  if (timestamp.charCodeAt(0) === 45 && !/^-0+$/.test(timestamp)) throw new LineProtocolError(`timestamp ${timestamp} (${precision}) is before 1970; only later times are stored`);
  const digits = timestamp.charCodeAt(0) === 45 ? "0" : timestamp;
  // Dropping the sub-millisecond digits rounds down without going through BigInt.
  const cut = precision === "ns" ? 6 : precision === "us" ? 3 : 0;
  const whole = cut ? digits.slice(0, Math.max(0, digits.length - cut)) : digits;
  const n = whole ? Number(whole) : 0;
  const ms = precision === "ns" || precision === "us" ? n : n * MS_PER_UNIT[precision];
  if (!(ms <= MAX_MS) || whole.length > 16) throw new LineProtocolError(`timestamp ${timestamp} (${precision}) is out of range; is the precision right?`);
  return ms;
}
