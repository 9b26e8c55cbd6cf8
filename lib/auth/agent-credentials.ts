/**
 * The token an InfluxDB client sends, in every form its writers use:
 * - `Authorization: Token <token>` (InfluxDB 2.x; Telegraf's influxdb_v2 output),
 * - `Authorization: Bearer <token>` (Barista's own form),
 * - `Authorization: Basic base64(<any name>:<token>)` (InfluxDB 1.x; Telegraf's influxdb output
 *   with `username`/`password`): the password is the token, the name is not read,
 * - `?u=<any name>&p=<token>` (InfluxDB 1.x query parameters).
 *
 * Only the InfluxDB-compatible routes read these forms: the rest of the API takes a bearer token,
 * so a browser that remembered Basic credentials could not act with them elsewhere.
 */
export type AgentCredential =
  /** A token to authenticate with, and the form it came in (never the token itself in messages). */
  | { token: string; form: "token" | "bearer" | "basic" | "query" }
  /** Credentials were sent but cannot be read: refuse, never fall back to another form. */
  | { invalid: string }
  /** Nothing was sent. */
  | null;

const HOW = "send the agent token as Authorization: Token <token>, as the password of basic auth, or as the p= query parameter";

function fromHeader(value: string): AgentCredential {
  const m = /^(\S+)(?:\s+(.*))?$/.exec(value.trim());
  const scheme = m?.[1].toLowerCase();
  const rest = (m?.[2] ?? "").trim();
  if (scheme === "token" || scheme === "bearer") {
    if (!rest || /\s/.test(rest)) return { invalid: `the Authorization header carries no single ${scheme === "token" ? "Token" : "Bearer"} value; ${HOW}` };
    return { token: rest, form: scheme };
  }
  if (scheme === "basic") {
    // Base64 only: Buffer.from would quietly skip anything else and read a different password.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(rest)) return { invalid: `the basic auth credentials are not base64; ${HOW}` };
    const pair = Buffer.from(rest, "base64").toString("utf8");
    const colon = pair.indexOf(":");
    if (colon < 0) return { invalid: `the basic auth credentials have no "name:password" pair; ${HOW}` };
    const password = pair.slice(colon + 1);
    if (!password) return { invalid: `the basic auth password is empty: put the agent token in password (any username will do)` };
    return { token: password, form: "basic" };
  }
  return { invalid: `the Authorization scheme "${m?.[1] ?? ""}" is not one Barista reads here; ${HOW}` };
}

/**
 * The credential of a request to an InfluxDB-compatible route. An Authorization header is read
 * whole (one that cannot be read is refused, not passed over); without one, the `p` parameter.
 * A `p` beside a header is not read at all (the header alone is checked), and an empty `p` is no
 * credential, as InfluxDB 1.x reads them.
 */
export function agentCredential(headers: Headers, query: URLSearchParams): AgentCredential {
  const found = readCredential(headers, query);
  // No token holds blanks or control characters; one that does would not survive as a bearer token.
  if (found && "token" in found && /[\s\x00-\x1f\x7f]/.test(found.token)) return { invalid: `the token sent holds blanks or control characters; ${HOW}` };
  return found;
}

function readCredential(headers: Headers, query: URLSearchParams): AgentCredential {
  const header = headers.get("authorization");
  if (header !== null) return fromHeader(header);
  const p = query.getAll("p").filter(Boolean);
  if (!p.length) return null;
  if (p.length > 1) return { invalid: "the p query parameter is given more than once; send the token once" };
  return { token: p[0], form: "query" };
}
